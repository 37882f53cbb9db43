package io.cdcaudit.policy;

import java.util.List;
import java.util.stream.Stream;

/**
 * Whether a rule ever applied, so that a rule that never does (a misspelt name, a rule shadowed by
 * an earlier one) is reported instead of sitting silently idle.
 */
final class RuleUse {

  private final String description;
  private volatile boolean used;

  RuleUse(String setting, NamePattern pattern) {
    this.description = setting + " " + pattern;
  }

  void markUsed() {
    if (!used) { // read first: a write on every match would bounce the cache line between threads
      used = true;
    }
  }

  boolean used() {
    return used;
  }

  /** The descriptions of the rules of {@code uses} that never applied, in order. */
  static List<String> idle(Stream<RuleUse> uses) {
    return uses.filter(use -> !use.used()).map(RuleUse::toString).toList();
  }

  /** The setting and its pattern, for example {@code ColumnPolicy.mask *.users.email}. */
  @Override
  public String toString() {
    return description;
  }
}
