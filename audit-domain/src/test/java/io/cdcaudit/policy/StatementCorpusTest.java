package io.cdcaudit.policy;

import static io.cdcaudit.TestEvents.base;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One or more statements per lexical case of MySQL and MariaDB, each scrubbed and redacted in the
 * sql_modes it can be written in: no protected value may survive in the stored statement, in any
 * spelling (its text in any case, the hex or bits of its bytes, its number forms).
 */
@DisplayName("ColumnPolicy over a corpus of statements")
class StatementCorpusTest {

  private static final SqlMode DEFAULT = SqlMode.DEFAULT;
  private static final SqlMode NO_BACKSLASH = SqlMode.of("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES");

  private static final String SSN = "123-45-6789";
  private static final String EMAIL = "alice.smith@corp.example";
  private static final String OTHER_SSN = "987-65-4321";

  /** The row: id, name and dir are not protected; ssn is masked, email hashed, salary excluded, rate masked. */
  private static Row row() {
    return Row.builder()
        .put("id", 5)
        .put("name", "Alice")
        .put("dir", "C:\\")
        .put("ssn", SSN)
        .put("email", EMAIL)
        .put("salary", Value.of(new BigDecimal("85000.00")))
        .put("rate", Value.of(new BigDecimal("0.75")))
        .build();
  }

  private static ColumnPolicy policy(StatementHandling handling, SqlMode mode) {
    return ColumnPolicy.builder()
        .mask("*.*.ssn")
        .hash("*.*.email", HashKey.of("k", "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8)))
        .exclude("*.*.salary")
        .mask("*.*.rate")
        .statements(handling)
        .sqlMode(mode)
        .build();
  }

  /** Every spelling of a protected value that must not be left in a stored statement, in lower case. */
  private static List<String> forbidden() {
    List<String> out = new ArrayList<>();
    for (String text : List.of(SSN, EMAIL, OTHER_SSN)) {
      out.add(text.toLowerCase(Locale.ROOT));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.add(HexFormat.of().formatHex(bytes));
      StringBuilder bits = new StringBuilder();
      for (byte b : bytes) {
        bits.append(String.format("%8s", Integer.toBinaryString(b & 0xff)).replace(' ', '0'));
      }
      out.add(bits.substring(1)); // a leading zero bit may be left out
    }
    // The parts of the SSN would tell it too.
    out.add("6789");
    // 85000 and 0.75 in the spellings a statement may use.
    out.addAll(List.of("85000", "8.5e4", "8.5e+4", "85e3", ".85e5", "14c08", ".75", "7.5e-1", "75e-2", "0.75"));
    return out;
  }

  private static Arguments sql(String name, String statement, SqlMode... modes) {
    return Arguments.of(name, statement, modes.length == 0 ? List.of(DEFAULT, NO_BACKSLASH) : List.of(modes));
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        sql("single-quoted", "UPDATE employees SET ssn = '123-45-6789', email = 'alice.smith@corp.example' WHERE id = 5"),
        sql("double-quoted", "UPDATE employees SET ssn = \"123-45-6789\" WHERE id = 5"),
        sql("doubled quotes", "UPDATE employees SET name = 'it''s', ssn = '123-45-6789' WHERE id = 5"),
        sql("doubled double quotes", "UPDATE employees SET name = \"say \"\"hi\"\"\", ssn = \"123-45-6789\" WHERE id = 5"),
        sql("backslash-escaped quote", "UPDATE employees SET name = 'it\\'s', ssn = '123-45-6789' WHERE id = 5", DEFAULT),
        sql("escaped backslash before the quote", "UPDATE employees SET dir = 'C:\\\\', ssn = '123-45-6789' WHERE id = 5", DEFAULT),
        sql("backslash at the end of a value", "INSERT INTO employees VALUES (5, 'C:\\', '123-45-6789')", NO_BACKSLASH),
        sql("backslash at the end, then an email", "INSERT INTO employees VALUES (5, 'C:\\', 'alice.smith@corp.example')", NO_BACKSLASH),
        sql("backslash-ended value, read in the wrong sql_mode",
            "INSERT INTO employees VALUES (5, 'C:\\', 'alice.smith@corp.example', '123-45-6789')", DEFAULT),
        sql("escaped value, read in the wrong sql_mode",
            "UPDATE employees SET name = 'it\\'s', ssn = '123-45-6789' WHERE id = 5", NO_BACKSLASH),
        sql("backslash in a double-quoted value", "UPDATE employees SET dir = \"C:\\\\\", ssn = '123-45-6789'", DEFAULT),
        sql("value in a quote that ends in a backslash", "UPDATE employees SET ssn = '123-45-6789\\\\' WHERE id = 5", DEFAULT),
        sql("backticks", "UPDATE `employees` SET `ssn` = '123-45-6789' WHERE `id` = 5"),
        sql("a quote in backticks", "UPDATE employees SET `we'ird` = 1, ssn = '123-45-6789' WHERE id = 5"),
        sql("doubled backticks", "UPDATE employees SET `a``b` = 1, ssn = '123-45-6789' WHERE id = 5"),
        sql("hash comment with a quote", "UPDATE employees SET ssn = '123-45-6789' # it's\nWHERE id = 5"),
        sql("dash comment with a quote", "UPDATE employees SET ssn = '123-45-6789' -- it's\nWHERE id = 5"),
        sql("dash comment at the very end", "UPDATE employees SET ssn = '123-45-6789' WHERE id = 5 --"),
        sql("two dashes without a blank are a minus", "UPDATE employees SET salary = 90000--5000 WHERE id = 5"),
        sql("block comment with a quote", "UPDATE employees /* it's */ SET ssn = '123-45-6789' WHERE id = 5"),
        sql("actor comment", "UPDATE employees SET ssn = '123-45-6789' WHERE id = 5 /*actor='alice'*/"),
        sql("executable comment", "INSERT INTO employees VALUES (5, /*!50000 '123-45-6789' */)"),
        sql("executable comment without a version", "UPDATE employees SET ssn = /*! '123-45-6789' */ WHERE id = 5"),
        sql("executable comment with a hex value", "UPDATE employees SET ssn = /*!50000 0x3132332d34352d36373839 */"),
        sql("MariaDB executable comment", "UPDATE employees SET ssn = /*M!100100 '123-45-6789' */ WHERE id = 5"),
        sql("executable comment whose end depends on the version",
            "UPDATE employees SET ssn = /*!99999 'x*/' */ '123-45-6789' WHERE id = 5"),
        sql("nested comment in an executable comment", "UPDATE employees SET ssn = /*!50000 /* c */ '123-45-6789' */"),
        sql("optimizer hint", "UPDATE /*+ NO_MERGE(e) */ employees SET ssn = '123-45-6789' WHERE id = 5"),
        sql("optimizer hint with a quote", "UPDATE /*+ SET_VAR(x='*/') */ employees SET ssn = '123-45-6789' WHERE id = 5"),
        sql("0x hex number", "INSERT INTO employees VALUES (5, 0x3132332d34352d36373839)"),
        sql("0x hex of the email", "INSERT INTO employees VALUES (5, 0x616c6963652e736d69746840636f72702e6578616d706c65)"),
        sql("X'' hex string", "INSERT INTO employees VALUES (5, X'3132332D34352D36373839')"),
        sql("x'' hex string", "INSERT INTO employees VALUES (5, x'3132332d34352d36373839')"),
        sql("b'' bit string", "INSERT INTO employees VALUES (5, b'"
            + "00110001001100100011001100101101001101000011010100101101001101100011011100111000" + "00111001')"),
        sql("0b bit number", "INSERT INTO employees VALUES (5, 0b"
            + "00110001001100100011001100101101001101000011010100101101001101100011011100111000" + "00111001)"),
        sql("introducer", "INSERT INTO employees VALUES (5, _utf8mb4'123-45-6789')"),
        sql("introducer and a blank", "INSERT INTO employees VALUES (5, _utf8mb4 '123-45-6789')"),
        sql("introducer with hex", "INSERT INTO employees VALUES (5, _binary X'3132332d34352d36373839')"),
        sql("introducer with 0x", "INSERT INTO employees VALUES (5, _latin1 0x3132332d34352d36373839)"),
        sql("national string", "INSERT INTO employees VALUES (5, N'123-45-6789')"),
        sql("adjacent strings", "UPDATE employees SET ssn = '123-45' '-6789' WHERE id = 5"),
        sql("DECIMAL without scale", "UPDATE employees SET salary = 85000 WHERE id = 5"),
        sql("DECIMAL with another scale", "UPDATE employees SET salary = 85000.0 WHERE id = 5"),
        sql("DECIMAL with an exponent", "UPDATE employees SET salary = 8.5e4 WHERE id = 5"),
        sql("DECIMAL with a leading dot and an exponent", "UPDATE employees SET salary = .85e5 WHERE id = 5"),
        sql("DECIMAL with a leading zero", "UPDATE employees SET salary = 085000 WHERE id = 5"),
        sql("DECIMAL as a quoted string", "UPDATE employees SET salary = '85000' WHERE id = 5"),
        sql("DECIMAL as hex", "UPDATE employees SET salary = 0x14C08 WHERE id = 5"),
        sql("negative number", "UPDATE employees SET salary = -85000 WHERE id = 5"),
        sql("leading dot", "UPDATE employees SET rate = .75 WHERE id = 5"),
        sql("leading dot after an operator", "UPDATE employees SET rate = 1-.75 WHERE id = 5"),
        sql("functions", "UPDATE employees SET email = LOWER(TRIM(' Alice.Smith@Corp.Example ')) WHERE id = 5"),
        sql("concatenation", "UPDATE employees SET ssn = CONCAT('123-45-', '6789') WHERE id = 5"),
        sql("arithmetic", "UPDATE employees SET salary = 80000 + 5000 WHERE id = 5"),
        sql("multi-row insert", "INSERT INTO employees (id, ssn) VALUES (5, '123-45-6789'), (6, '987-65-4321')"),
        sql("user variable", "UPDATE employees SET ssn = @'123-45-6789' WHERE id = 5"),
        sql("unterminated string", "UPDATE employees SET ssn = '123-45-6789 WHERE id = 5"),
        sql("unterminated double-quoted string", "UPDATE employees SET ssn = \"123-45-6789"),
        sql("unterminated backticks", "UPDATE `employees SET ssn = '123-45-6789'"),
        sql("unterminated comment", "UPDATE employees SET ssn = '123-45-6789' /* note"),
        sql("unterminated executable comment", "UPDATE employees SET ssn = /*!50000 '123-45-6789'"),
        sql("unterminated hex string", "UPDATE employees SET ssn = X'3132332d34352d36373839"),
        sql("NUL outside a literal", "UPDATE employees SET name = 'x' \0 '123-45-6789'"),
        sql("NUL in a line comment, which ends it", "UPDATE employees SET id = 5 # x\0, ssn = '123-45-6789'\n"),
        sql("executable comment with a 6-digit version, read by MySQL as 5 digits and SQL",
            "UPDATE employees SET salary = /*!850000 */ 0 WHERE id = 5"),
        sql("executable comment with a version longer than 6 digits", "UPDATE employees SET salary = /*!1000085000 */ WHERE id = 5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("no protected value survives in a stored statement, with every statement handling")
  void noProtectedValueSurvives(String name, String statement, List<SqlMode> modes) {
    for (SqlMode mode : modes) {
      for (StatementHandling handling : StatementHandling.values()) {
        ChangeEvent event = base(Operation.UPDATE, name)
            .primaryKey(PrimaryKey.of("id", 5))
            .before(row())
            .after(row())
            .statement(statement)
            .build();
        String stored = policy(handling, mode).apply(event, RowDiff.of(event)).event().statement().orElse(null);
        if (stored != null) {
          String lower = stored.toLowerCase(Locale.ROOT);
          assertThat(forbidden())
              .as("%s under %s in %s: %s", handling, mode, name, stored)
              .noneMatch(lower::contains);
        }
      }
    }
  }
}
