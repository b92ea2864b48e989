package org.atrium.live;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.common.PublicBaseUrl;
import org.atrium.event.Event;
import org.atrium.event.Events;
import org.atrium.schedule.ConferenceSession;

/**
 * How the audience in a hall joins a session's live room from the projector: a short link ({@code /s/{id}}, see
 * {@link ShortLinkResource}) that redirects to the room, and a QR code of it rendered as SVG by ZXing on the
 * server (no script or network needed on the projector). Both follow the event's visibility: a draft's sessions are
 * 404 to anyone but its organisers.
 */
@Path("/api/events/{slug}/sessions/{id}")
class JoinResource {

    static final String SVG = "image/svg+xml";

    @Inject
    Events events;

    @Inject
    PublicBaseUrl publicBase;

    /** The short link and what it points to, absolute; {@code display} is the short link without its scheme. */
    public record JoinView(String url, String shortUrl, String display, String qrCode) {}

    @GET
    @Path("join")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public JoinView join(@PathParam("slug") String slug, @PathParam("id") long id, @Context UriInfo uri) {
        Event event = events.visible(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        String base = base(uri);
        String shortUrl = base + "/s/" + session.id;
        return new JoinView(
                base + "/#/events/" + event.slug + "/sessions/" + session.id,
                shortUrl,
                shortUrl.replaceFirst("^https?://", ""),
                "/api/events/" + event.slug + "/sessions/" + session.id + "/join.svg");
    }

    /** A QR code of the session's short link. */
    @GET
    @Path("join.svg")
    @PermitAll
    @Produces(SVG)
    public Response qrCode(@PathParam("slug") String slug, @PathParam("id") long id, @Context UriInfo uri) {
        Event event = events.visible(slug);
        ConferenceSession session = events.inEvent(ConferenceSession.class, "session", event, id);
        String svg = svg(base(uri) + "/s/" + session.id);
        return Response.ok(svg, SVG)
                .header(
                        HttpHeaders.CACHE_CONTROL,
                        event.status == Event.Status.DRAFT ? "private, no-cache" : "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * {@code text} as a QR code (error correction M, the standard 4-module quiet zone), one dark path of horizontal
     * runs over a white square: a few kilobytes that any size of screen renders sharp.
     */
    static String svg(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new DomainException(400, "join.too-long", "This link is too long for a QR code.");
        }
        int w = m.getWidth();
        int h = m.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < h; y++) {
            int x = 0;
            while (x < w) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < w && m.get(x, y)) {
                    x++;
                }
                path.append('M')
                        .append(start)
                        .append(' ')
                        .append(y)
                        .append('h')
                        .append(x - start)
                        .append("v1h-")
                        .append(x - start)
                        .append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h
                + "\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"" + w + "\" height=\"" + h
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private String base(UriInfo uri) {
        return publicBase.of(uri);
    }
}
