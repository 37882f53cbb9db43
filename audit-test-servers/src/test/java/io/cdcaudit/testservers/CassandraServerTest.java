package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.JdkHomes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node of its own: this test kills and restarts it, so it syncs the commit log before acknowledging a write
 * ({@code commitlog_sync: batch}; the default periodic sync may lose the last 10 s of writes to a SIGKILL). It talks
 * CQL through a few lines of the native protocol (v4) so that this module needs no driver; the store modules use
 * the real driver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraServerTest {

  private static CassandraServer cassandra;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    cassandra = CassandraServer.start(Map.of("commitlog_sync", "batch", "commitlog_sync_period", "0ms"), List.of());
    System.err.printf("Cassandra started in %.1f s on %s, RSS %s%n", (System.nanoTime() - started) / 1e9,
        cassandra.contactPoint(), rss(cassandra.pid()));
  }

  @AfterAll
  static void close() {
    if (cassandra != null) {
      cassandra.close();
      assertThat(cassandra.isRunning()).isFalse();
      assertThat(cassandra.dataDir()).doesNotExist();
    }
  }

  @Test
  @Order(1)
  void answers_CQL_on_a_free_loopback_port_as_Cassandra_5_0_9_in_datacenter1() throws Exception {
    assertThat(cassandra.contactPoint().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(cassandra.contactPoint().getPort()).isEqualTo(cassandra.port());
    assertThat(List.of(cassandra.storagePort(), cassandra.jmxPort())).doesNotContain(cassandra.port());
    assertThat(cassandra.localDatacenter()).isEqualTo("datacenter1");
    assertThat(cassandra.logFile()).hasFileName("cassandra-" + cassandra.port() + ".log");
    assertThat(Files.readString(cassandra.logFile())).contains(CassandraServer.READY_LINE);
    try (MiniCql cql = new MiniCql(cassandra.port())) {
      assertThat(cql.query("SELECT release_version, data_center FROM system.local"))
          .containsExactly(List.of("5.0.9", "datacenter1"));
    }
  }

  @Test
  @Order(2)
  void runs_on_java_17_whatever_runs_the_tests() throws Exception {
    assertThat(ProcessHandle.of(cassandra.pid()).flatMap(h -> h.info().command()).orElseThrow())
        .isEqualTo(JdkHomes.java(17).toRealPath().toString());
  }

  @Test
  @Order(3)
  void keeps_its_data_across_a_kill_and_a_restart() throws Exception {
    try (MiniCql cql = new MiniCql(cassandra.port())) {
      cql.query("CREATE KEYSPACE survivors WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      cql.query("CREATE TABLE survivors.notes (id text PRIMARY KEY, body text)");
      cql.query("INSERT INTO survivors.notes (id, body) VALUES ('k', 'before the kill')");
    }

    cassandra.kill();
    assertThat(cassandra.isRunning()).isFalse();
    cassandra.restart();

    try (MiniCql cql = new MiniCql(cassandra.port())) {
      assertThat(cql.query("SELECT body FROM survivors.notes WHERE id = 'k'"))
          .containsExactly(List.of("before the kill"));
    }
  }

  @Test
  @Order(4)
  void reports_a_CQL_error_as_an_error() throws Exception {
    try (MiniCql cql = new MiniCql(cassandra.port())) {
      assertThatThrownBy(() -> cql.query("SELECT * FROM no_such_keyspace.t"))
          .hasMessageContaining("no_such_keyspace");
    }
  }

  private static String rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return line.substring(6).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  /** Just enough of the CQL native protocol v4 to run a query whose columns are all text. */
  static final class MiniCql implements AutoCloseable {

    private static final int VERSION = 0x04;
    private static final int ERROR = 0x00;
    private static final int STARTUP = 0x01;
    private static final int READY = 0x02;
    private static final int QUERY = 0x07;
    private static final int RESULT = 0x08;
    private static final int ROWS = 0x0002;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private short stream;

    MiniCql(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      in = new DataInputStream(socket.getInputStream());
      out = new DataOutputStream(socket.getOutputStream());
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      DataOutputStream b = new DataOutputStream(body);
      b.writeShort(1);
      string(b, "CQL_VERSION");
      string(b, "3.0.0");
      Frame ready = roundTrip(STARTUP, body.toByteArray());
      if (ready.opcode != READY) {
        throw new IOException("expected READY, got opcode " + ready.opcode);
      }
    }

    /** Runs {@code cql} at consistency ONE; the rows of a SELECT (text columns), or no rows. */
    List<List<String>> query(String cql) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      DataOutputStream b = new DataOutputStream(body);
      byte[] text = cql.getBytes(StandardCharsets.UTF_8);
      b.writeInt(text.length);
      b.write(text);
      b.writeShort(0x0001); // ONE
      b.writeByte(0);       // no flags
      Frame result = roundTrip(QUERY, body.toByteArray());
      if (result.opcode != RESULT) {
        throw new IOException("expected RESULT, got opcode " + result.opcode);
      }
      DataInputStream r = result.body();
      if (r.readInt() != ROWS) {
        return List.of();
      }
      int flags = r.readInt();
      int columns = r.readInt();
      boolean globalSpec = (flags & 0x0001) != 0;
      if ((flags & 0x0002) != 0) {
        bytes(r); // paging state
      }
      if ((flags & 0x0004) == 0) {
        if (globalSpec) {
          string(r);
          string(r);
        }
        for (int i = 0; i < columns; i++) {
          if (!globalSpec) {
            string(r);
            string(r);
          }
          string(r);
          int type = r.readUnsignedShort();
          if (type != 0x000D && type != 0x000A) { // varchar, ascii
            throw new IOException("MiniCql reads text columns only, got type " + type);
          }
        }
      }
      int count = r.readInt();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
          byte[] value = bytes(r);
          row.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        rows.add(row);
      }
      return rows;
    }

    private Frame roundTrip(int opcode, byte[] body) throws IOException {
      short id = stream++;
      out.writeByte(VERSION);
      out.writeByte(0);
      out.writeShort(id);
      out.writeByte(opcode);
      out.writeInt(body.length);
      out.write(body);
      out.flush();
      while (true) {
        int version = in.readUnsignedByte();
        in.readUnsignedByte(); // flags
        short responseStream = in.readShort();
        int responseOpcode = in.readUnsignedByte();
        byte[] responseBody = new byte[in.readInt()];
        in.readFully(responseBody);
        if (responseStream != id) {
          continue; // an event or another stream's answer
        }
        if (version != (0x80 | VERSION)) {
          throw new IOException("unexpected protocol version byte " + version);
        }
        Frame frame = new Frame(responseOpcode, responseBody);
        if (responseOpcode == ERROR) {
          DataInputStream e = frame.body();
          int code = e.readInt();
          throw new IOException("CQL error " + Integer.toHexString(code) + ": " + string(e));
        }
        return frame;
      }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeShort(bytes.length);
      out.write(bytes);
    }

    private static String string(DataInputStream in) throws IOException {
      byte[] bytes = new byte[in.readUnsignedShort()];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
      int length = in.readInt();
      if (length < 0) {
        return null;
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return bytes;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }

    private record Frame(int opcode, byte[] bytes) {
      DataInputStream body() {
        return new DataInputStream(new java.io.ByteArrayInputStream(bytes));
      }
    }
  }
}
