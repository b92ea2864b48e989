package org.atrium.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: items plus what the client needs to fetch the next. Every paged endpoint reads its paging with
 * {@link Request#of}, so all answer alike: {@code page} from 0 (default 0), {@code size} from 1 (default
 * {@value #DEFAULT_SIZE}); a size above {@value #MAX_SIZE} is served as {@value #MAX_SIZE}, and the page's {@code size}
 * always says which size was used (compute the next page from it, not from the size asked for). A page below 0, a
 * size below 1 or a page beyond any list ({@code page * size} past 2^31 - 1) is 400 {@code paging.invalid}.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** Validated paging parameters; {@code size} is the one used (at most {@link #MAX_SIZE}). */
    public record Request(int page, int size) {
        public static Request of(Integer page, Integer size) {
            int p = page == null ? 0 : page;
            int s = size == null ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
            if (p < 0) {
                throw DomainException.invalid("paging.invalid", "page must be 0 or more.");
            }
            if (s < 1) {
                throw DomainException.invalid(
                        "paging.invalid",
                        "size must be 1 or more (sizes above " + MAX_SIZE + " are served as " + MAX_SIZE + ").");
            }
            if ((long) p * s > Integer.MAX_VALUE) {
                throw DomainException.invalid("paging.invalid", "page is beyond the end of any list.");
            }
            return new Request(p, s);
        }
    }
}
