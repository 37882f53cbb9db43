package io.cdcaudit.benchmarks.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a run uses: the largest heap in use seen by a sampler (every 10 ms, garbage included)
 * and the largest heap in use right after a collection (what survived: the live data plus what the
 * collector left for later), from the JVM's GC notifications.
 */
final class HeapProbe implements AutoCloseable {

  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapProbe() {
    NotificationListener listener = this::onGc;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        unregister.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-probe");
    sampler.setDaemon(true);
    sampler.start();
  }

  static HeapProbe start() {
    return new HeapProbe();
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += usage.getUsed();
    }
    // Non-heap pools (metaspace, code cache) are in this map too: count heap pools only.
    long nonHeap = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
        MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
        if (u != null) {
          nonHeap += u.getUsed();
        }
      }
    }
    peakAfterGc.accumulateAndGet(used - nonHeap, Math::max);
    collections.incrementAndGet();
  }

  /** The largest heap in use the sampler saw, in bytes. */
  long peakUsed() {
    return peakUsed.get();
  }

  /** The largest heap in use right after a collection, in bytes (0 when no collection ran). */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  long collections() {
    return collections.get();
  }

  /** The heap's maximum size (-Xmx), in bytes. */
  static long maxHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  /** Heap in use after a full collection: what the application holds. */
  static long usedAfterFullGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The names of the collectors, such as {@code G1 Young Generation}. */
  static String collectorNames() {
    List<String> names = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(gc.getName());
    }
    return String.join(", ", names);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    unregister.forEach(Runnable::run);
  }
}
