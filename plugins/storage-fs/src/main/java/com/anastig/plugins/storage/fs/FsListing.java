package com.anastig.plugins.storage.fs;

import com.anastig.plugin.api.ObjectKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks the data tree in key order without sorting all keys: within a folder, a file named
 * {@code n} sorts as {@code n} and a sub-folder as {@code n/} (every key inside it starts so), and
 * sorting those names by UTF-8 bytes gives the global UTF-8 order. Sub-folders that cannot hold keys
 * with the prefix, or hold only keys up to the cursor, are not read at all. Symbolic links and other
 * special files are not objects and are skipped.
 */
final class FsListing {
    private static final Comparator<String> UTF8_ORDER = FsListing::compareUtf8;

    private record Entry(String name, String sortName, boolean folder) {
    }

    private FsListing() {
    }

    /** Up to {@code limit} keys starting with {@code prefix} and after {@code cursor}, in UTF-8 order. */
    static List<String> keys(Path data, String prefix, String cursor, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        walk(data, "", prefix, cursor, limit, out);
        return out;
    }

    private static boolean walk(Path dir, String dirKey, String prefix, String cursor, int limit, List<String> out)
        throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                String name = child.getFileName().toString();
                if (attrs.isDirectory()) {
                    entries.add(new Entry(name, name + "/", true));
                } else if (attrs.isRegularFile()) {
                    entries.add(new Entry(name, name, false));
                }
            }
        } catch (NoSuchFileException e) {
            return false; // removed while we walked
        }
        entries.sort(Comparator.comparing(Entry::sortName, UTF8_ORDER));
        for (Entry entry : entries) {
            String key = dirKey + entry.sortName();
            if (entry.folder()) {
                boolean mayHold = key.startsWith(prefix) || prefix.startsWith(key);
                boolean allBeforeCursor = cursor != null && !cursor.startsWith(key) && compareUtf8(key, cursor) < 0;
                if (mayHold && !allBeforeCursor && walk(dir.resolve(entry.name()), key, prefix, cursor, limit, out)) {
                    return true;
                }
            } else if (key.startsWith(prefix) && (cursor == null || compareUtf8(key, cursor) > 0) && ObjectKeys.isValidKey(key)) {
                out.add(key);
                if (out.size() >= limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** UTF-8 byte order, which is code point order. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
