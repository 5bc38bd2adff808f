package dev.chaos.targetfile;

import java.util.List;
import java.util.Map;

/**
 * How each node's container is made: the image, and the entrypoint, command and environment as
 * templates of the node's variables ({@link TargetFiles#NODE_VARIABLES}).
 *
 * @param image      the image, or (with {@code build}) the tag chaos builds it as
 * @param build      a folder with a Dockerfile, built before every run (Docker's cache makes a rebuild quick); null: use {@code image}
 * @param entrypoint null: the image's
 * @param files      files written into the container before its command starts, by absolute path
 * @param dataDir    where the node keeps its data ({@code {{data-dir}}})
 * @param member     one member of {@code {{initial-cluster}}}, over {@code {{member}}} and
 *                   {@code {{member-index}}}; the members joined by {@code separator}
 */
public record NodeTemplate(String image, java.nio.file.Path build, List<Template> entrypoint, List<Template> command, Map<String, Template> env,
                           Map<String, Template> files, String dataDir, Template member, String separator) {
}
