package io.cdcaudit.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.cdcaudit.json.StrictJson;
import io.cdcaudit.json.UnreadableJsonException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of cdc-audit. The modules they check are found in the reactor
 * ({@link ReactorModules}), so a new adapter is checked without anyone editing this class; a
 * published module missing from this module's class path fails {@link #everyPublishedModuleIsChecked()}.
 */
@DisplayName("The architecture rules of cdc-audit")
class ArchitectureTest {

  private static ReactorModules reactor;
  private static JavaClasses production;
  private static String[] domain;
  private static String[] adapters;

  @BeforeAll
  static void importClasses() {
    reactor = ReactorModules.load();
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.cdcaudit");
    domain = reactor.module("audit-domain").packages().stream().map(p -> p + "..").toArray(String[]::new);
    adapters = reactor.adapters().stream().map(m -> m.rootPackage() + "..").toArray(String[]::new);
  }

  private static String[] with(String[] packages, String... more) {
    return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  @DisplayName("every published module of the reactor is on this module's class path, so the rules see it")
  void everyPublishedModuleIsChecked() {
    assertThat(reactor.adapters()).as("adapter modules (audit-source-*, audit-store-*) found in the reactor").isNotEmpty();
    for (ReactorModules.Module module : reactor.published()) {
      for (String pkg : module.packages()) {
        assertThat(production.containPackage(pkg))
            .as("classes of %s (module %s) are imported: add the module as a dependency of architecture-tests/pom.xml",
                pkg, module.name())
            .isTrue();
      }
    }
  }

  @Test
  @DisplayName("every internal package says so in a package-info")
  void internalPackagesAreDocumented() {
    for (ReactorModules.Module module : reactor.all()) {
      for (String pkg : module.packages()) {
        if (pkg.endsWith(".internal")) {
          assertThat(module.hasPackageInfo(pkg)).as("package-info.java of %s in %s", pkg, module.name()).isTrue();
        }
      }
    }
  }

  @Test
  @DisplayName("the domain depends on the JDK only")
  void domainIsPure() {
    ArchRule rule = classes().that().resideInAnyPackage(domain)
        // javax.crypto is the JDK's own (HMAC for keyed hashing of columns).
        .should().onlyDependOnClassesThat().resideInAnyPackage(with(domain, "java..", "javax.crypto.."))
        .because("audit-domain is pure Java 17: code that needs a driver, Jackson or a framework belongs in an "
            + "adapter module (audit-source-*, audit-store-*), in audit-codec or audit-record-json (JSON) or in "
            + "audit-micrometer (metrics)");
    rule.check(production);
  }

  @Test
  @DisplayName("the codec depends on the domain, Jackson and the library's strict JSON rules only")
  void codecUsesJacksonOnly() {
    ArchRule rule = classes().that().resideInAPackage("io.cdcaudit.codec..")
        .should().onlyDependOnClassesThat(
            resideInAnyPackage(with(domain, "java..", "javax.crypto..", "io.cdcaudit.codec..", "com.fasterxml.jackson.."))
                .or(equivalentTo(StrictJson.class)).or(equivalentTo(UnreadableJsonException.class)))
        .because("audit-codec turns producers' JSON into domain events by the rules every reader of JSON in the "
            + "library shares (StrictJson); the record's JSON form is audit-record-json's, and anything about a "
            + "transport or a store belongs in that adapter's module");
    rule.check(production);
  }

  @Test
  @DisplayName("the record's JSON form depends on the domain and Jackson only, not on the decoders")
  void recordJsonUsesJacksonOnly() {
    ArchRule rule = classes().that().resideInAPackage("io.cdcaudit.json..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(with(domain, "java..", "io.cdcaudit.json..", "com.fasterxml.jackson.."))
        .because("audit-record-json is what a store needs of JSON: the record's form, without the decoders "
            + "(audit-codec) or anything about a transport or a store");
    rule.check(production);
  }

  @Test
  @DisplayName("adapters never depend on each other")
  void adaptersAreIndependent() {
    String names = String.join("|", reactor.adapters().stream()
        .map(m -> m.rootPackage().substring("io.cdcaudit.".length())).toList());
    ArchRule rule = slices().matching("io.cdcaudit.(" + names + ")..").should().notDependOnEachOther()
        .because("each adapter is its own Maven module that users pick alone; what two adapters share belongs in "
            + "the domain (behaviour), in audit-codec (producers' JSON) or in audit-record-json (the record's JSON)");
    rule.check(production);
  }

  @Test
  @DisplayName("the domain, the codec and the record's JSON form know no adapter")
  void coreKnowsNoAdapter() {
    ArchRule rule = noClasses().that().resideInAnyPackage(with(domain, "io.cdcaudit.codec..", "io.cdcaudit.json.."))
        .should().dependOnClassesThat()
        .resideInAnyPackage(with(adapters, "io.cdcaudit.memory..", "io.cdcaudit.tck..", "io.cdcaudit.micrometer.."))
        .because("dependencies point inwards: adapters implement the domain's ports, never the other way round");
    rule.check(production);
  }

  @Test
  @DisplayName("nothing outside a module uses its internal packages")
  void internalsStayInside() {
    for (ReactorModules.Module module : reactor.published()) {
      List<String> own = module.packages().stream().map(p -> p + "..").toList();
      for (String pkg : module.packages()) {
        if (pkg.endsWith(".internal")) {
          noClasses().that().resideOutsideOfPackages(own.toArray(String[]::new))
              .should().dependOnClassesThat().resideInAPackage(pkg + "..")
              .because("an internal package is an implementation detail of its module and may change in any "
                  + "release; use the module's public API, or ask for what you need to become public")
              .allowEmptyShould(true)
              .check(production);
        }
      }
    }
  }
}
