package org.atrium.schedule;

/** A track as clients see it. */
record TrackView(long id, String name, String colour, long version) {

    static TrackView of(Track t) {
        return new TrackView(t.id, t.name, t.colour, t.version);
    }
}
