package dev.chaos.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test method that runs chaos: a {@link Test} with the {@link ChaosExtension}, tagged
 * {@code chaos} (so a build can include or exclude these slower tests), that takes a
 * {@link ChaosRunner} parameter.
 *
 * <pre>{@code
 * @ChaosTest
 * void cleanSplitLosesNoWrites(ChaosRunner chaos) {
 *     chaos.scenario("clean-split").target("zookeeper").run().assertValid();
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag("chaos")
@ExtendWith(ChaosExtension.class)
public @interface ChaosTest {
}
