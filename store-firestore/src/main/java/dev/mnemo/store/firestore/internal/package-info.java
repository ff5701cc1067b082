/**
 * The Firestore tier's workings: document layout and codecs, size guards, the append commits and
 * their per-session lanes. Not an API: anything here may change without notice.
 */
@NullMarked
package dev.mnemo.store.firestore.internal;

import org.jspecify.annotations.NullMarked;
