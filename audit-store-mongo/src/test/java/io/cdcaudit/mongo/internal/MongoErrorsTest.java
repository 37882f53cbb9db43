package io.cdcaudit.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoErrors tells an unusable store from a failing request")
class MongoErrorsTest {

  private static MongoCommandException command(int code) {
    return new MongoCommandException(BsonDocument.parse("{ok: 0, code: " + code + ", errmsg: 'refused'}"), new ServerAddress());
  }

  @Test
  @DisplayName("failed authentication, a missing privilege and a closed client are unusable")
  void unusable() {
    assertThat(MongoErrors.isUnusable(new MongoSecurityException(
        MongoCredential.createCredential("audit", "admin", "wrong".toCharArray()), "Exception authenticating"))).isTrue();
    assertThat(MongoErrors.isUnusable(command(13))).isTrue(); // Unauthorized
    assertThat(MongoErrors.isUnusable(command(18))).isTrue(); // AuthenticationFailed
    assertThat(MongoErrors.isUnusable(new IllegalStateException("state should be: open"))).isTrue();
  }

  @Test
  @DisplayName("timeouts and other server errors are not")
  void usable() {
    assertThat(MongoErrors.isUnusable(new MongoSocketReadTimeoutException("timeout", new ServerAddress(), null))).isFalse();
    assertThat(MongoErrors.isUnusable(command(2))).isFalse(); // BadValue: about the request
    assertThat(MongoErrors.isUnusable(command(91))).isFalse(); // ShutdownInProgress: transient
  }
}
