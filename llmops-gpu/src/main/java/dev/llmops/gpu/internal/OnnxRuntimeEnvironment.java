package dev.llmops.gpu.internal;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * ONNX Runtime's process-wide environment, created on a thread with a large stack.
 *
 * <p>ONNX Runtime 1.29's Linux build walks the process's command line recursively while it creates its
 * environment. A command line over about 4 KB (a long {@code -classpath}, as IDEs and build tools pass) then
 * overflows a default Java thread stack (1 MB) and the JVM dies with SIGSEGV, before any Java error can be
 * thrown. The environment is created once per process, so creating it here first, on a thread with a 1 GB
 * stack, keeps every later caller (ours, and other libraries' that ask for it afterwards) off that path.
 */
public final class OnnxRuntimeEnvironment {
  /**
   * The init thread's stack: the recursion takes about 250 bytes of stack per byte of command line, and Linux
   * allows 2 MB of arguments and environment. Reserved, not committed; where the system refuses to reserve
   * that much, a smaller stack is tried, and last the calling thread.
   */
  static final long STACK_BYTES = 1L << 30;

  private static volatile @Nullable OrtEnvironment env;

  private OnnxRuntimeEnvironment() {}

  /**
   * The environment, created on first use.
   *
   * @return ONNX Runtime's environment
   */
  public static OrtEnvironment get() {
    OrtEnvironment e = env;
    if (e != null) {
      return e;
    }
    synchronized (OnnxRuntimeEnvironment.class) {
      e = env;
      if (e == null) {
        e = create();
        env = e;
      }
      return e;
    }
  }

  private static OrtEnvironment create() {
    for (long stack : new long[] {STACK_BYTES, 64L << 20}) {
      AtomicReference<@Nullable Object> out = new AtomicReference<>();
      Thread t = new Thread(null, () -> {
        try {
          out.set(OrtEnvironment.getEnvironment());
        } catch (Throwable failure) { // handed to the caller below
          out.set(failure);
        }
      }, "llmops-onnxruntime-init", stack);
      t.setDaemon(true);
      try {
        t.start();
      } catch (OutOfMemoryError refused) { // no room to reserve this stack: try a smaller one
        continue;
      }
      return result(t, out);
    }
    return OrtEnvironment.getEnvironment();
  }

  private static OrtEnvironment result(Thread t, AtomicReference<@Nullable Object> out) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException ie) { // the environment is process-wide: finish creating it
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object r = out.get();
    if (r instanceof OrtEnvironment created) {
      return created;
    }
    if (r instanceof RuntimeException re) {
      throw re;
    }
    if (r instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("ONNX Runtime's environment could not be created", (Throwable) r);
  }
}
