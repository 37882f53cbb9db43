package io.cdcaudit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The architecture rules of cdc-audit")
class ArchitectureTest {

  /** The packages of audit-domain. */
  private static final String[] DOMAIN = {
    "io.cdcaudit.event..", "io.cdcaudit.record..", "io.cdcaudit.source..", "io.cdcaudit.decode..",
    "io.cdcaudit.store..", "io.cdcaudit.policy..", "io.cdcaudit.actor..", "io.cdcaudit.pipeline..",
    "io.cdcaudit.trail..", "io.cdcaudit.internal.."
  };

  private static final String[] ADAPTERS = {
    "io.cdcaudit.kafka..", "io.cdcaudit.sqs..", "io.cdcaudit.mongo..", "io.cdcaudit.cassandra.."
  };

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.cdcaudit");
  }

  private static String[] with(String[] packages, String... more) {
    String[] all = java.util.Arrays.copyOf(packages, packages.length + more.length);
    System.arraycopy(more, 0, all, packages.length, more.length);
    return all;
  }

  @Test
  @DisplayName("the domain depends on the JDK only")
  void domainIsPure() {
    ArchRule rule = classes().that().resideInAnyPackage(DOMAIN)
        // javax.crypto is the JDK's own (HMAC for keyed hashing of columns).
        .should().onlyDependOnClassesThat().resideInAnyPackage(with(DOMAIN, "java..", "javax.crypto.."))
        .because("audit-domain is pure Java 17: code that needs a driver, Jackson or a framework belongs in an "
            + "adapter module (audit-source-*, audit-store-*), in audit-codec (JSON) or in audit-micrometer (metrics)");
    rule.check(production);
  }

  @Test
  @DisplayName("the codec depends on the domain and Jackson only")
  void codecUsesJacksonOnly() {
    ArchRule rule = classes().that().resideInAPackage("io.cdcaudit.codec..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(with(DOMAIN, "java..", "javax.crypto..", "io.cdcaudit.codec..", "com.fasterxml.jackson.."))
        .because("audit-codec turns producer JSON into domain events and back; anything about a transport or a "
            + "store belongs in that adapter's module");
    rule.check(production);
  }

  @Test
  @DisplayName("adapters never depend on each other")
  void adaptersAreIndependent() {
    ArchRule rule = slices().matching("io.cdcaudit.(kafka|sqs|mongo|cassandra)..").should().notDependOnEachOther()
        .because("each adapter is its own Maven module that users pick alone; what two adapters share belongs in "
            + "the domain (behaviour) or in audit-codec (JSON forms)");
    rule.check(production);
  }

  @Test
  @DisplayName("the domain and the codec know no adapter")
  void coreKnowsNoAdapter() {
    ArchRule rule = noClasses().that().resideInAnyPackage(with(DOMAIN, "io.cdcaudit.codec.."))
        .should().dependOnClassesThat().resideInAnyPackage(with(ADAPTERS, "io.cdcaudit.memory..", "io.cdcaudit.tck..", "io.cdcaudit.micrometer.."))
        .because("dependencies point inwards: adapters implement the domain's ports, never the other way round");
    rule.check(production);
  }

  @Test
  @DisplayName("nothing outside a module uses its internal package")
  void internalsStayInside() {
    checkInternal("io.cdcaudit.internal..", DOMAIN);
    for (String module : new String[] {"codec", "kafka", "sqs", "mongo", "cassandra", "micrometer", "memory"}) {
      checkInternal("io.cdcaudit." + module + ".internal..", "io.cdcaudit." + module + "..");
    }
  }

  private static void checkInternal(String internalPackage, String... modulePackages) {
    noClasses().that().resideOutsideOfPackages(modulePackages)
        .should().dependOnClassesThat().resideInAPackage(internalPackage)
        .because("an internal package is an implementation detail of its module and may change in any release; "
            + "use the module's public API, or ask for what you need to become public")
        .allowEmptyShould(true)
        .check(production);
  }
}
