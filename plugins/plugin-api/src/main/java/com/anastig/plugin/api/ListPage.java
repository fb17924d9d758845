package com.anastig.plugin.api;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items      objects in ascending key order
 * @param nextCursor pass to the next call for the following page; null when this is the last page
 */
public record ListPage(List<ObjectInfo> items, String nextCursor) {
    public ListPage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
