package io.cdcaudit.actor;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.internal.SqlLiterals;
import io.cdcaudit.policy.SqlMode;
import io.cdcaudit.record.Actor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the actor from a tag in a SQL comment of the statement, in the sqlcommenter style:
 * {@code UPDATE t SET ... /* actor='alice',request='r-17' *}{@code /}. Values may be URL-encoded,
 * as sqlcommenter writes them. The other tags of the comment become the actor's attributes.
 *
 * <p>Needs the statement in the event: Maxwell's {@code output_row_query} (MySQL only) or
 * Debezium's {@code include.query}.
 *
 * <p>Only real comments count, read the way the server read the statement: a string literal that
 * looks like a comment is data, and data must not name the actor. So the statement is read in the
 * source server's {@link SqlMode} ({@link #withSqlMode}; default {@link SqlMode#DEFAULT}), and a
 * statement it cannot read to the end with certainty (an unterminated literal or comment, an
 * executable comment whose end depends on the server's version) names nobody. The tag is taken from
 * the first plain block comment that has it; executable comments ({@code /*!}, {@code /*M!}) and
 * optimizer hints ({@code /*+}) are SQL, not comments, and are never read for it.
 */
public final class SqlCommentActorResolver implements ActorResolver {

  private static final Pattern TAG = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*(?:,|$)");

  private final String tag;
  private final SqlMode sqlMode;

  private SqlCommentActorResolver(String tag, SqlMode sqlMode) {
    this.tag = tag;
    this.sqlMode = sqlMode;
  }

  /**
   * Reads the tag {@code actor}, in the default sql_mode.
   *
   * @return the resolver
   */
  public static SqlCommentActorResolver create() {
    return withTag("actor");
  }

  /**
   * Reads the tag {@code tag}, for example {@code db_user} or {@code principal}.
   *
   * @param tag the tag's name, of {@code [A-Za-z0-9_.-]}
   * @return the resolver
   * @throws IllegalArgumentException when the name has other characters
   */
  public static SqlCommentActorResolver withTag(String tag) {
    Objects.requireNonNull(tag, "SqlCommentActorResolver tag");
    if (!tag.matches("[A-Za-z0-9_.\\-]+")) {
      throw new IllegalArgumentException("SqlCommentActorResolver tag must be of [A-Za-z0-9_.-], got '" + tag + "'");
    }
    return new SqlCommentActorResolver(tag, SqlMode.DEFAULT);
  }

  /**
   * This resolver, reading statements in the source server's sql_mode {@code mode} instead: it
   * decides what is a literal and so what is a comment.
   *
   * @param mode the source server's sql_mode
   * @return a resolver reading the same tag in that mode
   */
  public SqlCommentActorResolver withSqlMode(SqlMode mode) {
    Objects.requireNonNull(mode, "SqlCommentActorResolver sqlMode");
    return new SqlCommentActorResolver(tag, mode);
  }

  @Override
  public Optional<Actor> resolve(ChangeEvent event) {
    return event.statement().flatMap(this::fromStatement);
  }

  /**
   * The actor named by the tag in {@code statement}'s comments, if any.
   *
   * @param statement a SQL statement
   * @return the actor, with the comment's other tags as attributes; empty when no comment has the
   *     tag or the statement cannot be read with certainty
   */
  public Optional<Actor> fromStatement(String statement) {
    SqlLiterals.Lexed lexed = SqlLiterals.lex(statement, sqlMode.backslashEscapes(), sqlMode.ansiQuotes());
    if (!lexed.certain()) {
      // What looks like a comment here may be inside a literal as the server read it.
      return Optional.empty();
    }
    for (String body : lexed.blockComments()) {
      Map<String, String> tags = parseTags(body);
      String name = tags.remove(tag);
      if (name != null && !name.isBlank()) {
        return Optional.of(new Actor(name, Actor.Source.SQL_COMMENT, tags));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> parseTags(String body) {
    Map<String, String> tags = new LinkedHashMap<>();
    Matcher m = TAG.matcher(body.trim());
    int at = 0;
    String text = body.trim();
    while (at < text.length() && m.find(at) && m.start() == at) {
      tags.put(m.group(1), decode(m.group(2).replace("\\'", "'")));
      at = m.end();
    }
    return tags;
  }

  /** Undoes sqlcommenter's percent-encoding; unlike form decoding, a '+' stays a '+'. */
  private static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return value;
    }
  }

  @Override
  public String toString() {
    return "SqlCommentActorResolver[" + tag + (sqlMode.equals(SqlMode.DEFAULT) ? "" : ", " + sqlMode) + "]";
  }
}
