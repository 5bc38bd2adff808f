package dev.chaos.targetfile;

import java.util.List;
import java.util.Map;

/**
 * How each node runs on the {@code local} backend: a command line run as a process of this machine
 * in the node's own directory, its environment, and config files written into that directory, all
 * templates of the node's variables ({@link TargetFiles#localNodeVariables}). Peers are reached at
 * addresses chaos hands each node in its variables ({@code {{n1-host}}:{{n1-peer-port}}}, or
 * {@code {{initial-cluster}}}), each the node's own link to that peer: for systems whose peers are
 * named in config, not found by a shared host name.
 *
 * @param command   the program and its arguments
 * @param files     by path relative to the node's directory; written before its first start and after a wipe
 * @param member    one member of {@code {{initial-cluster}}}, over {@code {{member}}}, {@code {{member-index}}},
 *                  {@code {{member-host}}} and {@code {{member-peer-port}}} as this node reaches that member; null: the names
 * @param separator between the members
 */
public record LocalTemplate(List<Template> command, Map<String, Template> env, Map<String, Template> files, Template member,
                            String separator) {
}
