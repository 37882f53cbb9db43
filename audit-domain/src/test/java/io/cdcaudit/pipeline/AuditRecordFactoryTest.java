package io.cdcaudit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.actor.ActorResolver;
import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.actor.SqlCommentActorResolver;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.policy.TableFilter;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AuditRecordFactory")
class AuditRecordFactoryTest {

  private static final Instant NOW = Instant.parse("2025-03-01T09:15:02.123456789Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static ChangeEvent update() {
    Row before = Row.builder().put("id", 7).put("email", "a@x.io").put("updated_by", "alice").build();
    Row after = Row.builder().put("id", 7).put("email", "b@x.io").put("updated_by", "bob").build();
    return TestEvents.base(Operation.UPDATE, "f")
        .primaryKey(PrimaryKey.of("id", 7))
        .before(before)
        .after(after)
        .statement("UPDATE users SET email='b@x.io', updated_by='bob' WHERE id=7 /*actor='carol'*/")
        .build();
  }

  @Test
  @DisplayName("with defaults keeps the event, diffs it and stamps the clock's time")
  void defaults() {
    AuditRecord r = AuditRecordFactory.builder().clock(CLOCK).build().toRecord(update()).orElseThrow();
    assertThat(r.event()).isEqualTo(update());
    assertThat(r.changes()).extracting(FieldChange::column).containsExactly("email", "updated_by");
    assertThat(r.actor()).isSameAs(Actor.UNKNOWN);
    assertThat(r.retention()).isEqualTo(Retention.forever());
    assertThat(r.recordedAt()).isEqualTo(Instant.parse("2025-03-01T09:15:02.123456Z"));
  }

  @Test
  @DisplayName("leaves out tables the filter does not accept")
  void filtered() {
    AuditRecordFactory f = AuditRecordFactory.builder().tables(TableFilter.builder().exclude("shop.users").build()).build();
    assertThat(f.toRecord(update())).isEmpty();
  }

  @Test
  @DisplayName("diffs the real values, then applies the column policy")
  void policyAfterDiff() {
    AuditRecordFactory f = AuditRecordFactory.builder()
        .columns(ColumnPolicy.builder().mask("*.*.email").build()).clock(CLOCK).build();
    AuditRecord r = f.toRecord(update()).orElseThrow();
    assertThat(r.changes()).contains(new FieldChange("email", Value.of("****"), Value.of("****")));
    assertThat(r.event().after().get("email")).isEqualTo(Value.of("****"));
    assertThat(r.event().statement()).contains("UPDATE users SET email='****', updated_by='bob' WHERE id=7 /*actor='carol'*/");
  }

  @Test
  @DisplayName("attributes the actor with the resolvers in order")
  void actor() {
    AuditRecordFactory f = AuditRecordFactory.builder()
        .actors(ActorResolver.firstOf(SqlCommentActorResolver.create(), RowColumnActorResolver.of("updated_by")))
        .build();
    assertThat(f.toRecord(update()).orElseThrow().actor().name()).isEqualTo("carol");
  }

  @Test
  @DisplayName("computes the retention from the commit time")
  void retention() {
    AuditRecordFactory f = AuditRecordFactory.builder()
        .retention(RetentionPolicy.builder().keep("shop.*", Period.ofYears(7)).build()).build();
    assertThat(f.toRecord(update()).orElseThrow().retention().expiresAt())
        .isEqualTo(Instant.parse("2032-03-01T09:15:00Z"));
  }

  @Test
  @DisplayName("the builder rejects null settings, naming them")
  void nullSettings() {
    assertThatThrownBy(() -> AuditRecordFactory.builder().tables(null)).hasMessage("tables");
    assertThatThrownBy(() -> AuditRecordFactory.builder().columns(null)).hasMessage("columns");
    assertThatThrownBy(() -> AuditRecordFactory.builder().actors(null)).hasMessage("actors");
    assertThatThrownBy(() -> AuditRecordFactory.builder().retention(null)).hasMessage("retention");
    assertThatThrownBy(() -> AuditRecordFactory.builder().clock(null)).hasMessage("clock");
  }

  @Test
  @DisplayName("names the actor from the real statement, even when the policy drops the statement")
  void actorBeforeStatementIsDropped() {
    AuditRecordFactory f = AuditRecordFactory.builder()
        .columns(ColumnPolicy.builder().mask("*.*.email").statements(io.cdcaudit.policy.StatementHandling.DROP).build())
        .actors(SqlCommentActorResolver.create())
        .build();
    AuditRecord r = f.toRecord(update()).orElseThrow();
    assertThat(r.event().statement()).isEmpty();
    assertThat(r.actor().name()).isEqualTo("carol");
  }

  @Test
  @DisplayName("protects an actor read from a protected column like the column itself")
  void actorFromProtectedColumn() {
    io.cdcaudit.policy.HashKey key = io.cdcaudit.policy.HashKey.of("k1", new byte[16]);
    ColumnPolicy hashed = ColumnPolicy.builder().hash("*.*.updated_by", key).build();
    AuditRecord r = AuditRecordFactory.builder().columns(hashed).actors(RowColumnActorResolver.of("updated_by")).build()
        .toRecord(update()).orElseThrow();
    assertThat(r.actor().name()).isEqualTo(r.event().after().get("updated_by").asText()).isNotEqualTo("bob").hasSize(64);
    assertThat(r.actor().source()).isEqualTo(Actor.Source.ROW_COLUMN);

    ColumnPolicy excluded = ColumnPolicy.builder().exclude("*.*.updated_by").build();
    AuditRecord unknown = AuditRecordFactory.builder().columns(excluded).actors(RowColumnActorResolver.of("updated_by")).build()
        .toRecord(update()).orElseThrow();
    assertThat(unknown.actor()).isEqualTo(Actor.UNKNOWN);
  }
}
