package io.cdcaudit.codec;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.tck.decoder.ChangeDecoderContract;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MaxwellDecoder keeps the decoder contract")
class MaxwellDecoderContractTest extends ChangeDecoderContract {

  @Override
  protected ChangeDecoder decoderFor(String producer) {
    // Maxwell's default output says nothing about keys: configure them, as a user would.
    return producer.equals(Fixtures.MAXWELL_DEFAULT)
        ? MaxwellDecoder.builder().primaryKeys(Fixtures.primaryKeyColumns()).build()
        : MaxwellDecoder.create();
  }

  @Override
  protected Set<String> producers() {
    return Set.of(Fixtures.MAXWELL, Fixtures.MAXWELL_DEFAULT);
  }
}
