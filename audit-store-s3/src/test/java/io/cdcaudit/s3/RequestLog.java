package io.cdcaudit.s3;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Counts the requests a client sends, by operation, and keeps the {@code PutObject} requests: what the store asks of
 * S3, as S3 would bill it and whatever an emulator does with it.
 */
final class RequestLog implements ExecutionInterceptor {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<PutObjectRequest> puts = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    if (context.request() instanceof PutObjectRequest put) {
      puts.add(put);
    }
  }

  /** Requests of one operation ({@code "PutObject"}, {@code "GetObject"}, {@code "ListObjectsV2"}, ...) so far. */
  long count(String operation) {
    AtomicLong n = counts.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Every count, by operation. */
  Map<String, Long> counts() {
    Map<String, Long> all = new TreeMap<>();
    counts.forEach((op, n) -> all.put(op, n.get()));
    return all;
  }

  /** The {@code PutObject} requests so far. */
  List<PutObjectRequest> puts() {
    return List.copyOf(puts);
  }

  /** Starts counting again. */
  void clear() {
    counts.clear();
    puts.clear();
  }
}
