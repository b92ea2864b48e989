package org.atrium.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list: items plus what the client needs to fetch the next. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** Validated paging parameters. */
    public record Request(int page, int size) {
        public static Request of(Integer page, Integer size) {
            int p = page == null ? 0 : page;
            int s = size == null ? DEFAULT_SIZE : size;
            if (p < 0) {
                throw DomainException.invalid("paging.invalid", "page must be 0 or more.");
            }
            if (s < 1 || s > MAX_SIZE) {
                throw DomainException.invalid("paging.invalid", "size must be between 1 and " + MAX_SIZE + ".");
            }
            return new Request(p, s);
        }
    }
}
