package org.atrium;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;

/**
 * {@code -Pbenchmark} runs the classes named {@code *Benchmark} that carry the JUnit tag {@code benchmark} (pom.xml);
 * one without the tag is silently never run, neither by the normal build nor by the profile.
 */
@AnalyzeClasses(packages = "org.atrium", importOptions = ImportOption.OnlyIncludeTests.class)
class BenchmarksAreTaggedTest {

    @ArchTest
    static final ArchRule benchmarks_run_with_the_benchmark_profile = classes()
            .that()
            .haveSimpleNameEndingWith("Benchmark")
            .should()
            .beAnnotatedWith(new DescribedPredicate<JavaAnnotation<?>>("@Tag(\"benchmark\")") {
                @Override
                public boolean test(JavaAnnotation<?> annotation) {
                    return annotation.getRawType().isEquivalentTo(Tag.class)
                            && "benchmark".equals(annotation.get("value").orElse(null));
                }
            });
}
