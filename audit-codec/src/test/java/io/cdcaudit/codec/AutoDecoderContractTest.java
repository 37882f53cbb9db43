package io.cdcaudit.codec;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.tck.decoder.ChangeDecoderContract;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("the auto-detecting decoder keeps the decoder contract for all four captures")
class AutoDecoderContractTest extends ChangeDecoderContract {

  @Override
  protected ChangeDecoder decoderFor(String producer) {
    return ChangeDecoders.auto(
        MaxwellDecoder.builder().primaryKeys(Fixtures.primaryKeyColumns()).build(),
        DebeziumDecoder.create());
  }

  @Override
  protected Set<String> producers() {
    return Set.copyOf(Fixtures.producers());
  }
}
