package io.cdcaudit.codec;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.tck.decoder.ChangeDecoderContract;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("DebeziumDecoder keeps the decoder contract")
class DebeziumDecoderContractTest extends ChangeDecoderContract {

  @Override
  protected ChangeDecoder decoderFor(String producer) {
    return DebeziumDecoder.create();
  }

  @Override
  protected Set<String> producers() {
    return Set.of(Fixtures.DEBEZIUM, Fixtures.DEBEZIUM_SCHEMAS);
  }
}
