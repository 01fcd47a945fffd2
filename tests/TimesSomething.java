import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that times something (a speed-up, an overlap, cores busy): it has the machine's
 * cores to itself. No other class runs beside it, and its own tests run one after another. Every
 * test class says this or {@link TimesNothing} (ParallelSettingsTest).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(value = TimesSomething.CORES, mode = ResourceAccessMode.READ_WRITE)
@interface TimesSomething {
    /** The resource the two kinds of class share or hold: the machine's cores. */
    String CORES = "the machine's cores";
}
