package io.cdcaudit.testservers;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.cdcaudit.testservers.internal.Ports;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class MongoStandInTest {

  @AfterEach
  void forgetConfiguredServer() {
    System.clearProperty(MongoStandIn.URI_PROPERTY);
  }

  @Test
  void serves_on_a_loopback_port_in_this_jvm_and_is_gone_when_closed() {
    MongoStandIn mongo = MongoStandIn.start();
    int port = URI.create(mongo.uri()).getPort();
    try {
      assertThat(mongo.uri()).isEqualTo("mongodb://127.0.0.1:" + port);
      assertThat(mongo.isStandIn()).isTrue();
      assertThat(mongo.process()).isEmpty();
      MongoCollection<Document> things = mongo.freshDatabase().getCollection("things");
      things.insertOne(new Document("_id", 1).append("name", "one"));
      assertThat(things.find().first()).isEqualTo(new Document("_id", 1).append("name", "one"));
    } finally {
      mongo.close();
    }
    assertThat(Ports.accepts(port)).as("port %d after close", port).isFalse();
    assertThatIllegalStateException().isThrownBy(mongo::client);
  }

  @Test
  void every_fresh_database_is_empty_and_its_own() {
    try (MongoStandIn mongo = MongoStandIn.start()) {
      MongoDatabase first = mongo.freshDatabase();
      first.getCollection("c").insertOne(new Document("_id", 1));
      MongoDatabase second = mongo.freshDatabase();
      assertThat(second.getName()).isNotEqualTo(first.getName()).startsWith("cdcaudit_test_");
      assertThat(second.getCollection("c").countDocuments()).isZero();
    }
  }

  @Test
  void a_client_of_its_own_reaches_the_same_data() {
    try (MongoStandIn mongo = MongoStandIn.start(); MongoClient own = mongo.newClient()) {
      MongoDatabase database = mongo.freshDatabase();
      database.getCollection("c").insertOne(new Document("_id", "shared"));
      assertThat(own.getDatabase(database.getName()).getCollection("c").countDocuments()).isEqualTo(1);
    }
  }

  @Test
  void in_its_own_jvm_it_serves_from_a_child_process_that_stops_on_close() {
    MongoStandIn mongo = MongoStandIn.startInOwnJvm(List.of("-Xmx64m"));
    ProcessHandle process = mongo.process().orElseThrow();
    try {
      assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(mongo.uri()).startsWith("mongodb://127.0.0.1:");
      MongoCollection<Document> things = mongo.freshDatabase().getCollection("things");
      things.insertOne(new Document("_id", 7));
      assertThat(things.countDocuments()).isEqualTo(1);
    } finally {
      mongo.close();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
  }

  @Test
  void a_configured_server_is_used_instead_and_its_credentials_never_shown() {
    System.setProperty(MongoStandIn.URI_PROPERTY, " mongodb://alice:secret@db.example:27017/?authSource=admin ");
    try (MongoStandIn mongo = MongoStandIn.configuredOrStart()) {
      assertThat(mongo.isStandIn()).isFalse();
      assertThat(mongo.uri()).isEqualTo("mongodb://alice:secret@db.example:27017/?authSource=admin");
      assertThat(mongo.toString()).doesNotContain("secret").doesNotContain("alice").contains("db.example:27017");
    }
  }

  @Test
  void without_a_configured_server_the_stand_in_is_started() {
    try (MongoStandIn mongo = MongoStandIn.configuredOrStart()) {
      assertThat(MongoStandIn.configuredUri()).isEmpty();
      assertThat(mongo.isStandIn()).isTrue();
    }
  }

  @Test
  void runs_the_mongo_java_server_this_module_compiles_against() {
    assertThat(ServerJars.runsOn("mongo")).contains(ServerJars.compiledAgainst(MongoServer.class));
  }
}
