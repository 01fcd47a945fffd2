import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that times nothing (it mostly waits for child JVMs, or reads files): it may run beside
 * other such classes, never beside one marked {@link TimesSomething}. Its methods marked
 * {@code @Execution(CONCURRENT)} also run side by side.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(value = TimesSomething.CORES, mode = ResourceAccessMode.READ)
@interface TimesNothing {}
