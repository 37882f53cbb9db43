/**
 * The contract kits of sources: {@link io.cdcaudit.tck.source.ChangeSourceContract} (what was not
 * acknowledged comes back, what was does not, pause and resume) and
 * {@link io.cdcaudit.tck.source.OrderedChangeSourceContract} (order per partition as well); a
 * source test supplies a {@link io.cdcaudit.tck.source.SourceHarness} over a fresh stream.
 */
package io.cdcaudit.tck.source;
