package org.atrium.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Puts the problem responses into the OpenAPI document, so that a generated client knows
 * them: every error answer is {@code application/problem+json} with the {@link Problem} schema. Which statuses an
 * operation lists follows from what every operation of that shape can get from {@link ProblemMapper} and the
 * use cases: 400 with query parameters or a body; 401 and 403 when it needs a signed-in account; 404 with a path
 * parameter (an unknown slug or id, or a draft the caller may not see); 409 for a signed-in change (a stale
 * {@code version}, a taken slug, a concurrent change); 413 and 415 with a body. The statuses of success (201 for
 * creates) are declared on the resource methods.
 *
 * <p>It runs when the application is built (after Quarkus has added the security requirements it reads), so the
 * document in the jar is already complete and no filter of ours runs at start-up. (Quarkus 3.33 still parses and
 * re-serialises that document at every start, whatever the filters: see src/docs/benchmarks.md, "Cold start".)
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    static final String REF = "#/components/schemas/" + SCHEMA;

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Bad request: a parameter or the body cannot be read or is invalid",
            "401", "Not signed in, or the access token expired (auth.expired) or is not valid",
            "403", "Signed in, but not allowed to do this",
            "404", "No such event or item, or a draft the caller may not see",
            "409", "Conflicts with the current state (stale version, taken name, concurrent change)",
            "413", "The request body is too large",
            "415", "The request body is not JSON");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) ->
                        item.getOperations().forEach((method, operation) -> document(path, method, operation)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean signedIn =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean change = method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE
                || method == PathItem.HttpMethod.PATCH;
        if (body || query) {
            problem(responses, "400");
        }
        if (signedIn) {
            problem(responses, "401");
            problem(responses, "403");
        }
        if (path.contains("{")) {
            problem(responses, "404");
        }
        if (signedIn && change) {
            problem(responses, "409");
        }
        if (body) {
            problem(responses, "413");
            problem(responses, "415");
        }
        // whatever else the framework listed as an error (none today) is a problem document too
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    response.setContent(problemContent());
                }
            });
        }
    }

    private static void problem(APIResponses responses, String code) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            response = OASFactory.createAPIResponse();
            responses.addAPIResponse(code, response);
        }
        response.setDescription(DESCRIPTIONS.get(code)); // its problem+json content: the loop at the end of filter
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(REF)));
    }

    /** {@link Problem} as RFC 9457 describes it, with Atrium's {@code code} and field errors; extensions allowed. */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description(
                        "An RFC 9457 problem document; 'code' is Atrium's stable error code (e.g. event.slug-taken)")
                .required(List.of("type", "title", "status", "code"))
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("uri"))
                .addProperty("title", string)
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError))
                .additionalPropertiesSchema(OASFactory.createSchema());
    }
}
