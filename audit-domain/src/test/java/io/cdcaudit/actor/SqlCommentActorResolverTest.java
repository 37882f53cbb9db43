package io.cdcaudit.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.policy.SqlMode;
import io.cdcaudit.record.Actor;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SqlCommentActorResolver")
class SqlCommentActorResolverTest {

  private static final SqlCommentActorResolver RESOLVER = SqlCommentActorResolver.create();

  private static Optional<String> name(String statement) {
    return RESOLVER.fromStatement(statement).map(Actor::name);
  }

  private static ChangeEvent withStatement(String statement) {
    return TestEvents.base(Operation.INSERT, "s")
        .after(Row.builder().put("id", 1).build())
        .statement(statement)
        .build();
  }

  @Nested
  @DisplayName("finds the actor")
  class Finds {

    @Test
    @DisplayName("in a sqlcommenter comment after the SQL, with the other tags as attributes")
    void afterSql() {
      Actor actor = RESOLVER.fromStatement("UPDATE users SET name='x' WHERE id=1 /*actor='alice',request='r-17'*/").orElseThrow();
      assertThat(actor.name()).isEqualTo("alice");
      assertThat(actor.source()).isEqualTo(Actor.Source.SQL_COMMENT);
      assertThat(actor.attributes()).isEqualTo(Map.of("request", "r-17"));
    }

    @Test
    @DisplayName("in a comment before the SQL, with blanks around the tags")
    void beforeSql() {
      assertThat(name("/* actor='alice', request='r-17' */ UPDATE users SET name='x'")).contains("alice");
    }

    @Test
    @DisplayName("in a comment that is not the first tag")
    void notFirstTag() {
      Actor actor = RESOLVER.fromStatement("SELECT 1 /*action='save',actor='bob',route='%2Fusers%2F%3Aid'*/").orElseThrow();
      assertThat(actor.name()).isEqualTo("bob");
      assertThat(actor.attributes()).containsEntry("action", "save").containsEntry("route", "/users/:id");
    }

    @Test
    @DisplayName("with a URL-encoded value")
    void urlEncoded() {
      assertThat(name("UPDATE t SET a=1 /*actor='alice%40example.com'*/")).contains("alice@example.com");
      assertThat(name("UPDATE t SET a=1 /*actor='Zo%C3%AB%20M'*/")).contains("Zoë M");
    }

    @Test
    @DisplayName("with an escaped quote in the value")
    void escapedQuote() {
      assertThat(name("UPDATE t SET a=1 /*actor='o\\'brien'*/")).contains("o'brien");
    }

    @Test
    @DisplayName("keeps a value that is not valid URL encoding as it is")
    void notEncoded() {
      assertThat(name("UPDATE t SET a=1 /*actor='100%'*/")).contains("100%");
    }

    @Test
    @DisplayName("from the first comment that has the tag, across several comments")
    void firstCommentWithTagWins() {
      assertThat(name("/* hint */ UPDATE t SET a=1 /*request='r-1'*/ /*actor='bob'*/ /*actor='carol'*/")).contains("bob");
    }

    @Test
    @DisplayName("skipping a comment whose tag is blank")
    void blankTagSkipped() {
      assertThat(name("UPDATE t SET a=1 /*actor=''*/ /*actor='dave'*/")).contains("dave");
    }

    @Test
    @DisplayName("in a comment spanning lines")
    void multiLine() {
      assertThat(name("UPDATE t SET a=1 /*\n actor='erin',\n request='r'\n*/")).contains("erin");
    }

    @Test
    @DisplayName("from an event's statement")
    void fromEvent() {
      assertThat(RESOLVER.resolve(withStatement("INSERT INTO users VALUES (1) /*actor='alice'*/")))
          .map(Actor::name).contains("alice");
    }
  }

  @Nested
  @DisplayName("finds nobody")
  class FindsNobody {

    @Test
    @DisplayName("when the event has no statement")
    void noStatement() {
      assertThat(RESOLVER.resolve(withStatement(null))).isEmpty();
    }

    @Test
    @DisplayName("when the statement has no comment")
    void noComment() {
      assertThat(name("UPDATE t SET actor='alice'")).isEmpty();
    }

    @Test
    @DisplayName("when no comment has the tag")
    void noTag() {
      assertThat(name("UPDATE t SET a=1 /*request='r-17',user='alice'*/")).isEmpty();
    }

    @Test
    @DisplayName("when the tag's value is not quoted")
    void unquoted() {
      assertThat(name("UPDATE t SET a=1 /*actor=alice*/")).isEmpty();
    }

    @Test
    @DisplayName("when the tag only appears as part of a longer name")
    void longerName() {
      assertThat(name("UPDATE t SET a=1 /*actor_id='42'*/")).isEmpty();
    }
  }

  @Nested
  @DisplayName("a custom tag")
  class CustomTag {

    @Test
    @DisplayName("reads that tag and keeps actor as an attribute")
    void customTag() {
      Actor actor = SqlCommentActorResolver.withTag("db_user")
          .fromStatement("UPDATE t SET a=1 /*actor='alice',db_user='app_rw'*/").orElseThrow();
      assertThat(actor.name()).isEqualTo("app_rw");
      assertThat(actor.attributes()).isEqualTo(Map.of("actor", "alice"));
    }

    @Test
    @DisplayName("is rejected when it is not a tag name, naming the setting")
    void badTag() {
      assertThatThrownBy(() -> SqlCommentActorResolver.withTag("bad tag"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SqlCommentActorResolver tag");
      assertThatThrownBy(() -> SqlCommentActorResolver.withTag(""))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> SqlCommentActorResolver.withTag(null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("prints the tag it reads")
    void printing() {
      assertThat(SqlCommentActorResolver.withTag("principal")).hasToString("SqlCommentActorResolver[principal]");
    }
  }

  @Nested
  @DisplayName("is not fooled")
  class NotFooled {

    @Test
    @DisplayName("by a string literal that looks like a comment: data cannot name the actor")
    void literalLookingLikeComment() {
      assertThat(name("UPDATE t SET note=\"/*actor='mallory'*/\" WHERE id=1 /*actor='alice'*/")).contains("alice");
      assertThat(name("UPDATE t SET note='/*actor=''mallory''*/' WHERE id=1")).isEmpty();
    }

    @Test
    @DisplayName("into decoding a plus sign as a blank")
    void plusStaysPlus() {
      assertThat(name("SELECT 1 /*actor='alice+ops%40x.io'*/")).contains("alice+ops@x.io");
    }
  }

  @Nested
  @DisplayName("follows the sql_mode")
  class FollowsSqlMode {

    private final SqlCommentActorResolver noBackslash =
        SqlCommentActorResolver.create().withSqlMode(SqlMode.of("NO_BACKSLASH_ESCAPES"));

    @Test
    @DisplayName("under NO_BACKSLASH_ESCAPES, a value ending in a backslash does not hide the comment")
    void backslashAtEnd() {
      assertThat(noBackslash.fromStatement("UPDATE t SET dir = 'C:\\' WHERE id = 1 /*actor='alice'*/"))
          .map(Actor::name).contains("alice");
    }

    @Test
    @DisplayName("under NO_BACKSLASH_ESCAPES, row data cannot make up a comment")
    void dataCannotMakeComment() {
      assertThat(noBackslash.fromStatement("INSERT INTO t VALUES ('C:\\', ' /* actor=', ',*/') /*actor='alice'*/"))
          .map(Actor::name).contains("alice");
    }

    @Test
    @DisplayName("the same statements read with backslash escapes are not certain: nobody, rather than row data")
    void wrongModeNamesNobody() {
      assertThat(name("UPDATE t SET dir = 'C:\\' WHERE id = 1 /*actor='alice'*/")).isEmpty();
      assertThat(name("INSERT INTO t VALUES ('C:\\', ' /* actor=', ',*/') /*actor='alice'*/")).isEmpty();
    }

    @Test
    @DisplayName("keeps the tag and prints a sql_mode that is not the default")
    void keepsTag() {
      SqlCommentActorResolver resolver = SqlCommentActorResolver.withTag("principal").withSqlMode(SqlMode.of("ANSI_QUOTES"));
      assertThat(resolver.fromStatement("UPDATE \"t\\\" SET a = 1 /*principal='p'*/")).map(Actor::name).contains("p");
      assertThat(resolver).hasToString("SqlCommentActorResolver[principal, SqlMode[ANSI_QUOTES]]");
    }

    @Test
    @DisplayName("rejects a null sql_mode, naming the setting")
    void nullMode() {
      assertThatThrownBy(() -> SqlCommentActorResolver.create().withSqlMode(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("SqlCommentActorResolver sqlMode");
    }
  }

  @Nested
  @DisplayName("names nobody from a statement it cannot read to the end")
  class Uncertain {

    @Test
    @DisplayName("when a literal after the comment is unterminated")
    void unterminatedLiteral() {
      assertThat(name("/*actor='alice'*/ UPDATE t SET a = 'x")).isEmpty();
      assertThat(name("/*actor='alice'*/ UPDATE `t SET a = 1")).isEmpty();
    }

    @Test
    @DisplayName("when a comment is unterminated")
    void unterminatedComment() {
      assertThat(name("/*actor='alice'*/ UPDATE t SET a = 1 /* x")).isEmpty();
      assertThat(name("/*actor='alice'*/ UPDATE t SET a = /*!50000 1")).isEmpty();
    }

    @Test
    @DisplayName("when an executable comment ends elsewhere on an older server")
    void versionDependent() {
      assertThat(name("UPDATE t SET a = /*!99999 'x*/' */ 1 /*actor='alice'*/")).isEmpty();
    }

    @Test
    @DisplayName("and never reads a tag inside an executable comment or a hint, which are SQL")
    void executable() {
      assertThat(name("UPDATE t SET a = /*!50000 '/*actor=''mallory''*/' */ 1")).isEmpty();
      assertThat(name("UPDATE /*+ actor='mallory' */ t SET a = 1")).isEmpty();
      assertThat(name("UPDATE t SET a = /*!50000 1 */ /*actor='alice'*/")).contains("alice");
    }
  }
}
