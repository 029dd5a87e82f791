package org.jheartbeat.core.config;

import java.nio.file.Path;
import java.util.Optional;

/** A haresources resource together with what will run it. */
public record ResolvedResource(ResourceSpec spec, ResourceKind kind, Optional<Path> script) {
}
