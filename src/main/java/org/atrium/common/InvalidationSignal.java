package org.atrium.common;

/**
 * How other nodes hear that published data changed. {@link PublicRenderings#changed()} calls {@link #send()} after
 * dropping its own renderings; a node that receives the signal calls {@link PublicRenderings#dropLocal()}. One node
 * needs none ({@link #NONE}, the default); several nodes will bring a bean of this type that publishes on a shared
 * channel (the several-nodes issue).
 */
public interface InvalidationSignal {

    InvalidationSignal NONE = () -> {};

    void send();
}
