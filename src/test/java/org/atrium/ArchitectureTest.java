package org.atrium;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * The module structure of Atrium (see STYLE.md): top-level packages are features and their dependencies point one way,
 * cluster <- common, timezone, security <- event <- speaker, schedule, invitation <- registration, live, stage <- agenda
 * (starring and feeds) <- notification (e-mail and in-app notices, which nothing depends on). The demo may use
 * anything and nothing uses it; the ui (the browser's configuration and headers) uses only common and nothing uses
 * it. New top-level packages are free until they are placed here. Features
 * ask each other through their read APIs ({@code Participation}, {@code SessionRoles}, {@code Events}), and no class
 * borrows an entity's EntityManager ({@code Event.getEntityManager()}) to query another.
 */
@AnalyzeClasses(packages = "org.atrium", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule features_depend_one_way = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Foundation")
            .definedBy("org.atrium.common..", "org.atrium.timezone..", "org.atrium.security..", "org.atrium.cluster..")
            .layer("Event")
            .definedBy("org.atrium.event..")
            .layer("Catalogue")
            .definedBy("org.atrium.speaker..", "org.atrium.schedule..", "org.atrium.invitation..")
            .layer("Participation")
            .definedBy(
                    "org.atrium.registration..", "org.atrium.live..", "org.atrium.stage..", "org.atrium.exhibition..")
            .layer("Agenda")
            .definedBy("org.atrium.agenda..")
            .layer("Notification")
            .definedBy("org.atrium.notification..")
            .layer("Demo")
            .definedBy("org.atrium.demo..")
            .layer("Ui")
            .definedBy("org.atrium.ui..")
            .whereLayer("Demo")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Notification")
            .mayOnlyBeAccessedByLayers("Demo")
            .whereLayer("Agenda")
            .mayOnlyBeAccessedByLayers("Notification", "Demo")
            .whereLayer("Participation")
            .mayOnlyBeAccessedByLayers("Agenda", "Notification", "Demo")
            .whereLayer("Catalogue")
            .mayOnlyBeAccessedByLayers("Participation", "Agenda", "Notification", "Demo")
            .whereLayer("Event")
            .mayOnlyBeAccessedByLayers("Catalogue", "Participation", "Agenda", "Notification", "Demo")
            .because("features depend one way: common, timezone, security <- event <- speaker, schedule"
                    + " <- registration, live, stage <- agenda <- notification (STYLE.md)");

    @ArchTest
    static final ArchRule common_depends_on_no_feature = noClasses()
            .that()
            .resideInAPackage("org.atrium.common..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.atrium..")
                    .and(not(resideInAnyPackage("org.atrium.common..", "org.atrium.cluster.."))))
            .because("common is the bottom of the stack (above the cluster channel) and kept tiny");

    @ArchTest
    static final ArchRule cluster_depends_on_nothing = noClasses()
            .that()
            .resideInAPackage("org.atrium.cluster..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.atrium..").and(not(resideInAPackage("org.atrium.cluster.."))))
            .because("the cluster channel is plumbing under everything: PostgreSQL LISTEN/NOTIFY between nodes");

    @ArchTest
    static final ArchRule timezone_and_security_use_only_common = noClasses()
            .that()
            .resideInAnyPackage("org.atrium.timezone..", "org.atrium.security..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.atrium..")
                    .and(not(resideInAnyPackage(
                            "org.atrium.common..",
                            "org.atrium.cluster..",
                            "org.atrium.timezone..",
                            "org.atrium.security.."))))
            .because("timezone and security sit below every feature");

    @ArchTest
    static final ArchRule ui_uses_only_common = noClasses()
            .that()
            .resideInAPackage("org.atrium.ui..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.atrium..")
                    .and(not(resideInAnyPackage("org.atrium.common..", "org.atrium.ui.."))))
            .because("the ui serves the browser its configuration and headers; it knows no feature");

    @ArchTest
    static final ArchRule agenda_and_live_ask_registration_through_participation = noClasses()
            .that()
            .resideInAnyPackage("org.atrium.agenda..", "org.atrium.live..", "org.atrium.stage..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.atrium.registration..").and(entitiesOrTheirParts()))
            .because("registrations are read through registration's Participation, never from its rows");

    @ArchTest
    static final ArchRule no_entity_lends_its_entity_manager = noClasses()
            .should()
            .callMethodWhere(DescribedPredicate.describe(
                    "Entity.getEntityManager()",
                    (JavaMethodCall call) -> call.getTarget().getName().equals("getEntityManager")
                            && call.getTargetOwner().isAssignableTo(PanacheEntityBase.class)))
            .because("one persistence idiom: Panache entities for their own rows, an injected EntityManager for"
                    + " queries; an entity never lends its EntityManager to query a third");

    @ArchTest
    static final ArchRule timezone_and_security_are_independent = noClasses()
            .that()
            .resideInAPackage("org.atrium.timezone..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.atrium.security..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.atrium.demo..");

    @ArchTest
    static final ArchRule no_entities_in_rest_or_socket_signatures = methods()
            .that(areEntryPoints())
            .should(notMentionEntities())
            .because("records (*Form in, *View out) are the boundary; entities never reach a client");

    @ArchTest
    static final ArchRule no_entities_inside_forms_and_views = classes()
            .that()
            .haveSimpleNameEndingWith("View")
            .or()
            .haveSimpleNameEndingWith("Form")
            .should(haveNoEntityFields())
            .because("a *View or *Form carries values, never an entity");

    @ArchTest
    static final ArchRule time_comes_from_the_injected_clock = noClasses()
            .should()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(LocalDate.class, "now")
            .orShould()
            .callMethod(LocalTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZoneId.class, "systemDefault")
            .orShould()
            .callMethod(TimeZone.class, "getDefault")
            .orShould()
            .callMethod(Clock.class, "systemDefaultZone")
            .because("time is read from the injected java.time.Clock and zones come from the event, never the"
                    + " server's default zone");

    private static final Set<String> ENTRY_POINT_ANNOTATIONS = Set.of(
            "jakarta.ws.rs.GET",
            "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT",
            "jakarta.ws.rs.DELETE",
            "jakarta.ws.rs.PATCH",
            "jakarta.ws.rs.HEAD",
            "jakarta.ws.rs.OPTIONS",
            "jakarta.ws.rs.Path",
            "io.quarkus.websockets.next.OnOpen",
            "io.quarkus.websockets.next.OnTextMessage",
            "io.quarkus.websockets.next.OnBinaryMessage",
            "io.quarkus.websockets.next.OnClose");

    private static DescribedPredicate<JavaMethod> areEntryPoints() {
        return DescribedPredicate.describe(
                "are REST or WebSocket entry points",
                method -> method.getAnnotations().stream()
                        .anyMatch(a ->
                                ENTRY_POINT_ANNOTATIONS.contains(a.getRawType().getName())));
    }

    /** Entities and the types declared inside them (an entity's state enum is its row's vocabulary). */
    private static DescribedPredicate<JavaClass> entitiesOrTheirParts() {
        return DescribedPredicate.describe(
                "are entities or declared inside one",
                type -> isEntity(type)
                        || type.getEnclosingClass()
                                .map(ArchitectureTest::isEntity)
                                .orElse(false));
    }

    private static boolean isEntity(JavaClass type) {
        return type.isAnnotatedWith("jakarta.persistence.Entity")
                || type.isAnnotatedWith("jakarta.persistence.MappedSuperclass")
                || type.isAnnotatedWith("jakarta.persistence.Embeddable");
    }

    private static ArchCondition<JavaMethod> notMentionEntities() {
        return new ArchCondition<>("not take or return entities") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Stream.concat(Stream.of(method.getReturnType()), method.getParameterTypes().stream())
                        .map(JavaType::getAllInvolvedRawTypes)
                        .flatMap(Set::stream)
                        .filter(ArchitectureTest::isEntity)
                        .forEach(entity -> events.add(SimpleConditionEvent.violated(
                                method, method.getFullName() + " exposes entity " + entity.getName())));
            }
        };
    }

    private static ArchCondition<JavaClass> haveNoEntityFields() {
        return new ArchCondition<>("have no entity-typed fields") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                for (JavaField field : type.getFields()) {
                    List<JavaClass> entities = field.getType().getAllInvolvedRawTypes().stream()
                            .filter(ArchitectureTest::isEntity)
                            .toList();
                    for (JavaClass entity : entities) {
                        events.add(SimpleConditionEvent.violated(
                                field, field.getFullName() + " holds entity " + entity.getName()));
                    }
                }
            }
        };
    }
}
