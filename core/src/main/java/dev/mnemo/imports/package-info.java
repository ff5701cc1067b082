/**
 * Moving conversations kept elsewhere into Mnemo: {@link dev.mnemo.imports.TranscriptImport} is the
 * engine the framework adapters' importers share (a LangChain4j {@code ChatMemoryStore}, a Spring
 * AI {@code ChatMemoryRepository}): idempotent, resumable after a crash, its progress reported as
 * {@link dev.mnemo.imports.ImportProgress}.
 */
@NullMarked
package dev.mnemo.imports;

import org.jspecify.annotations.NullMarked;
