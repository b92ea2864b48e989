package org.atrium.exhibition;

import static org.atrium.exhibition.ExhibitionApi.as;
import static org.atrium.exhibition.ExhibitionApi.createGallery;
import static org.atrium.exhibition.ExhibitionApi.createWork;
import static org.atrium.exhibition.ExhibitionApi.curator;
import static org.atrium.exhibition.ExhibitionApi.gallery;
import static org.atrium.exhibition.ExhibitionApi.work;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.atrium.event.Event;
import org.atrium.registration.Registration;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Galleries and works: their lifecycle, opening hours on the viewer's clock, and who may do what. */
@QuarkusTest
class ExhibitionResourceTest {

    @Inject
    Fixtures fixtures;

    /** The published event of these tests, in Baku, with a curator, a participant and an artist. */
    private Event event() {
        Event event = fixtures.publishedEvent();
        curator(event.slug, "carol");
        fixtures.registration(event, "alice", Registration.State.CONFIRMED, "Europe/London");
        return event;
    }

    @Test
    void curatorsBuildAGalleryThatVisitorsThenSee() {
        Event event = event();
        String slug = event.slug;
        long main = createGallery(
                        "carol",
                        slug,
                        "{\"name\":\"Main hall\",\"statement\":\"Traces of war in the land.\",\"position\":1,"
                                + "\"visibility\":\"DRAFT\",\"hours\":[{\"opens\":\"2027-05-12T10:00\","
                                + "\"closes\":\"2027-05-12T18:00\"}]}")
                .statusCode(201)
                .body("name", equalTo("Main hall"))
                .body("visibility", equalTo("DRAFT"))
                .extract()
                .jsonPath()
                .getLong("id");
        long work = createWork(
                        "carol",
                        slug,
                        "{\"galleryId\":" + main + ",\"title\":\"Field after clearance\",\"artists\":[{\"name\":"
                                + "\"Nigar Aliyeva\",\"accountSubject\":\"frieda\"}],\"year\":2025,\"medium\":"
                                + "\"Oil on canvas\",\"dimensions\":\"120 × 90 cm\",\"description\":\"A field.\","
                                + "\"credits\":\"Courtesy of the artist\",\"contentWarning\":\"Shows an injured"
                                + " child.\"}")
                .statusCode(201)
                .body("artists[0].name", equalTo("Nigar Aliyeva"))
                .body("artists[0].linked", equalTo(true))
                .body("contentWarning", equalTo("Shows an injured child."))
                .extract()
                .jsonPath()
                .getLong("id");

        // a draft gallery is the curators' alone
        as(null).get("/api/events/" + slug + "/galleries/" + main).then().statusCode(404);
        as(null).get("/api/events/" + slug + "/exhibition")
                .then()
                .statusCode(200)
                .body("galleries", hasSize(0));

        as("carol")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Main hall\",\"statement\":\"Traces of war in the land.\",\"position\":1,"
                        + "\"visibility\":\"PUBLISHED\",\"hours\":[{\"opens\":\"2027-05-12T10:00\","
                        + "\"closes\":\"2027-05-12T18:00\"}]}")
                .put("/api/events/" + slug + "/galleries/" + main)
                .then()
                .statusCode(200)
                .body("visibility", equalTo("PUBLISHED"));

        as(null).get("/api/events/" + slug + "/galleries/" + main)
                .then()
                .statusCode(200)
                .body("gallery.name", equalTo("Main hall"))
                .body("gallery.hours[0].opens", equalTo("2027-05-12T10:00:00+04:00"))
                .body("works.title", contains("Field after clearance"))
                .body("works[0].dimensions", equalTo("120 × 90 cm"))
                .body("works[0].mayEdit", equalTo(false));
        as("frieda")
                .get("/api/events/" + slug + "/works/" + work)
                .then()
                .statusCode(200)
                .body("mayEdit", equalTo(true));

        as("carol").delete("/api/events/" + slug + "/works/" + work).then().statusCode(204);
        as(null).get("/api/events/" + slug + "/works/" + work).then().statusCode(404);
        as("carol").delete("/api/events/" + slug + "/galleries/" + main).then().statusCode(204);
        as(null).get("/api/events/" + slug + "/galleries/" + main).then().statusCode(404);
    }

    /**
     * What the curator's editor needs beyond what visitors see: the curators by name, and which account each artist
     * is (so that saving a work keeps its artists' links); nobody else learns either.
     */
    @Test
    void theEditorSeesCuratorsByNameAndArtistsAccountsVisitorsDoNot() {
        Event event = event();
        String slug = event.slug;
        as("carol").get("/api/me").then().statusCode(200); // carol's account has signed in, "ghost" never has
        curator(slug, "ghost");
        as("organiser")
                .get("/api/events/" + slug + "/curator-accounts")
                .then()
                .statusCode(200)
                .body("subject", contains("carol", "ghost"))
                .body("name", contains("Carol", null));
        as("carol")
                .get("/api/events/" + slug + "/curator-accounts")
                .then()
                .statusCode(200)
                .body("subject", contains("carol", "ghost"));
        as("alice").get("/api/events/" + slug + "/curator-accounts").then().statusCode(403);
        as(null).get("/api/events/" + slug + "/curator-accounts").then().statusCode(401);

        long hall = gallery(slug, "Main hall", "PUBLISHED", "[]");
        long work = work(slug, hall, "Field after clearance", "frieda");
        as("carol")
                .get("/api/events/" + slug + "/works/" + work)
                .then()
                .statusCode(200)
                .body("artists[0].linked", equalTo(true))
                .body("artists[0].accountSubject", equalTo("frieda"));
        as("carol")
                .get("/api/events/" + slug + "/galleries/" + hall)
                .then()
                .body("works[0].artists[0].accountSubject", equalTo("frieda"));
        for (String visitor : new String[] {null, "alice", "frieda"}) {
            as(visitor)
                    .get("/api/events/" + slug + "/works/" + work)
                    .then()
                    .statusCode(200)
                    .body("artists[0].linked", equalTo(true))
                    .body("artists[0].accountSubject", nullValue());
        }
        as(null).get("/api/events/" + slug + "/exhibition.json")
                .then()
                .body("galleries[0].works[0].artists[0].accountSubject", nullValue());
    }

    /**
     * Hours entered in Baku (UTC+4) from 02:00 to 10:00 on 12 May: in London (UTC+1 in May) that is 23:00 on 11 May
     * to 07:00 on the 12th, a day earlier and across midnight; in Baku itself nothing shifts. Hand-computed.
     */
    @Test
    void hoursAreShownOnTheViewersClockWithTheDayShift() {
        Event event = event();
        long g = gallery(
                event.slug,
                "Night gallery",
                "PUBLISHED",
                "[{\"opens\":\"2027-05-12T02:00\",\"closes\":\"2027-05-12T10:00\"}]");
        String path = "/api/events/" + event.slug + "/galleries/" + g;
        as(null).queryParam("tz", "Europe/London")
                .get(path)
                .then()
                .statusCode(200)
                .body("viewerZone.id", equalTo("Europe/London"))
                .body("gallery.hours[0].opens", equalTo("2027-05-11T23:00:00+01:00"))
                .body("gallery.hours[0].closes", equalTo("2027-05-12T07:00:00+01:00"))
                .body("gallery.hours[0].eventOpens", equalTo("2027-05-12T02:00:00"))
                .body("gallery.hours[0].dayShift", equalTo(-1))
                .body("gallery.hours[0].closesNextDay", equalTo(true))
                .body("gallery.openNow", equalTo(false));
        as(null).get(path)
                .then()
                .body("viewerZone.id", equalTo("Asia/Baku"))
                .body("gallery.hours[0].opens", equalTo("2027-05-12T02:00:00+04:00"))
                .body("gallery.hours[0].dayShift", equalTo(0))
                .body("gallery.hours[0].closesNextDay", equalTo(false));
        // alice registered with Europe/London: her own zone without asking
        as("alice").get(path).then().body("viewerZone.id", equalTo("Europe/London"));
    }

    @Test
    void openNowIsTheServersAnswer() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Event event =
                fixtures.event(Fixtures.uniqueSlug("open"), "Asia/Baku", today.minusDays(1), today.plusDays(1), true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String open = "[{\"opens\":\"" + now.minusSeconds(3600) + "\",\"closes\":\"" + now.plusSeconds(3600) + "\"}]";
        String later = "[{\"opens\":\"" + now.plusSeconds(7200) + "\",\"closes\":\"" + now.plusSeconds(9000) + "\"}]";
        gallery(event.slug, "Open", "PUBLISHED", open);
        gallery(event.slug, "Later", "PUBLISHED", later);
        as(null).get("/api/events/" + event.slug + "/exhibition")
                .then()
                .body("galleries.name", contains("Open", "Later"))
                .body("galleries.openNow", contains(true, false));
    }

    @Inject
    org.hibernate.SessionFactory sessionFactory;

    long statements(String path) {
        var stats = sessionFactory.getStatistics();
        long before = stats.getPrepareStatementCount();
        as(null).get(path).then().statusCode(200);
        return stats.getPrepareStatementCount() - before;
    }

    /** A gallery page costs the same statements for 3 works as for 30, each with artists and a file. */
    @Test
    void aGalleryPageCostsTheSameStatementsWhateverItsSize() {
        long[] cost = new long[2];
        int[] sizes = {3, 30};
        for (int i = 0; i < sizes.length; i++) {
            Event event = fixtures.publishedEvent();
            long g = gallery(event.slug, "Hall", "PUBLISHED", "[]");
            for (int k = 0; k < sizes[i]; k++) {
                long w = work(event.slug, g, "Work " + k, "frieda");
                ExhibitionApi.upload("organiser", event.slug, w, null, "application/pdf", HostileFiles.pdf())
                        .statusCode(201);
            }
            String path = "/api/events/" + event.slug + "/galleries/" + g;
            statements(path); // warm
            cost[i] = statements(path);
        }
        org.hamcrest.MatcherAssert.assertThat(cost[1], equalTo(cost[0]));
    }

    @Test
    void hoursThatCloseBeforeTheyOpenAreRefused() {
        Event event = event();
        createGallery(
                        "organiser",
                        event.slug,
                        "{\"name\":\"X\",\"hours\":[{\"opens\":\"2027-05-12T18:00\",\"closes\":\"2027-05-12T10:00\"}]}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("gallery.hours-reversed"));
        createGallery(
                        "organiser",
                        event.slug,
                        "{\"name\":\"X\",\"hours\":[{\"opens\":\"tomorrow\",\"closes\":\"2027-05-12T10:00\"}]}")
                .statusCode(400)
                .body("code", equalTo("time.invalid"));
    }

    /**
     * Who may do what: the curator manages, the artist edits their own work's fields but not its artists, a
     * participant and another event's organiser only look, anonymous visitors see public galleries only.
     */
    @Test
    void permissionMatrix() {
        Event event = event();
        String slug = event.slug;
        Event other = fixtures.event(
                Fixtures.uniqueSlug("other"),
                "Europe/London",
                LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 2),
                true);
        // bob organises the other event only, and waits on this one's waiting list (not a confirmed participant)
        fixtures.addOrganiser(other, "bob");
        fixtures.registration(event, "bob", Registration.State.WAITLISTED, null);

        long published = gallery(slug, "Main hall", "PUBLISHED", "[]");
        long registered = gallery(slug, "Archive", "REGISTERED", "[]");
        long draft = gallery(slug, "Storage", "DRAFT", "[]");
        long work = work(slug, published, "Field", "frieda");
        long archived = work(slug, registered, "Letters", null);
        String g = "/api/events/" + slug + "/galleries/";

        Map<String, Integer> createGallery = new LinkedHashMap<>();
        Map<String, Integer> readRegistered = new LinkedHashMap<>();
        Map<String, Integer> readDraft = new LinkedHashMap<>();
        Map<String, Integer> editWork = new LinkedHashMap<>();
        Map<String, Integer> readArchivedWork = new LinkedHashMap<>();
        for (String user : new String[] {"organiser", "carol", "frieda", "alice", "bob", null}) {
            String key = String.valueOf(user);
            createGallery.put(
                    key,
                    ExhibitionApi.createGallery(user, slug, "{\"name\":\"New\"}")
                            .extract()
                            .statusCode());
            readRegistered.put(
                    key, as(user).get(g + registered).then().extract().statusCode());
            readDraft.put(key, as(user).get(g + draft).then().extract().statusCode());
            readArchivedWork.put(
                    key,
                    as(user).get("/api/events/" + slug + "/works/" + archived)
                            .then()
                            .extract()
                            .statusCode());
            editWork.put(
                    key,
                    as(user).contentType(ContentType.JSON)
                            .body("{\"galleryId\":" + published + ",\"title\":\"Field, revised\",\"artists\":"
                                    + "[{\"name\":\"Nigar Aliyeva\",\"accountSubject\":\"frieda\"}]}")
                            .put("/api/events/" + slug + "/works/" + work)
                            .then()
                            .extract()
                            .statusCode());
            as(user).get(g + published).then().statusCode(200);
        }
        org.hamcrest.MatcherAssert.assertThat(
                createGallery,
                equalTo(Map.of("organiser", 201, "carol", 201, "frieda", 403, "alice", 403, "bob", 403, "null", 401)));
        org.hamcrest.MatcherAssert.assertThat(
                readRegistered,
                equalTo(Map.of("organiser", 200, "carol", 200, "frieda", 403, "alice", 200, "bob", 403, "null", 403)));
        org.hamcrest.MatcherAssert.assertThat(
                readArchivedWork,
                equalTo(Map.of("organiser", 200, "carol", 200, "frieda", 403, "alice", 200, "bob", 403, "null", 403)));
        org.hamcrest.MatcherAssert.assertThat(
                readDraft,
                equalTo(Map.of("organiser", 200, "carol", 200, "frieda", 404, "alice", 404, "bob", 404, "null", 404)));
        org.hamcrest.MatcherAssert.assertThat(
                editWork,
                equalTo(Map.of("organiser", 200, "carol", 200, "frieda", 200, "alice", 403, "bob", 403, "null", 401)));

        // the registered-only refusal says why
        as(null).get(g + registered)
                .then()
                .contentType("application/problem+json")
                .body("code", equalTo("gallery.registered-only"));
        // the exhibition lists the registered-only gallery without its works, never the draft
        as(null).get("/api/events/" + slug + "/exhibition")
                .then()
                .body("galleries.name", contains("Main hall", "Archive"))
                .body("galleries.entry", contains("full", "listed"));
        // the artist edits their work but not who made it
        as("frieda")
                .contentType(ContentType.JSON)
                .body("{\"galleryId\":" + published + ",\"title\":\"Field\",\"artists\":[{\"name\":\"Someone else\"}]}")
                .put("/api/events/" + slug + "/works/" + work)
                .then()
                .statusCode(403)
                .body("code", equalTo("work.curators-only"));
        // naming curators is the organisers'
        as("carol").put("/api/events/" + slug + "/curators/alice").then().statusCode(403);
        as("bob").put("/api/events/" + slug + "/curators/bob").then().statusCode(403);
        // another event's ids are not found through this one
        as("organiser")
                .get("/api/events/" + other.slug + "/galleries/" + published)
                .then()
                .statusCode(404);
    }
}
