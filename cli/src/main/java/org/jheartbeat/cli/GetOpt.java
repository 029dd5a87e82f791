package org.jheartbeat.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Short options the way cl_status reads them (GNU getopt over the words after the sub-command):
 * options may come before, between or after the operands, may be grouped ({@code -mv}), an
 * option's argument may be attached ({@code -pdeadtime}) or the next word, and {@code --} ends
 * the options. Problems are collected as getopt would print them, not printed here.
 *
 * @param flags     each option letter seen (the last argument for letters that take one)
 * @param operands  the other words, in order
 * @param problems  getopt's complaints, e.g. {@code listnodes: invalid option -- 'x'}
 */
record GetOpt(Map<Character, String> flags, List<String> operands, List<String> problems) {

    /**
     * @param program the name getopt complains with (cl_status passes the sub-command)
     * @param spec    option letters; a letter followed by {@code :} takes an argument
     */
    static GetOpt parse(String program, List<String> words, String spec) {
        Map<Character, String> flags = new HashMap<>();
        List<String> operands = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                operands.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (word.length() < 2 || word.charAt(0) != '-') {
                operands.add(word);
                continue;
            }
            for (int j = 1; j < word.length(); j++) {
                char c = word.charAt(j);
                int at = c == ':' ? -1 : spec.indexOf(c);
                if (at < 0) {
                    problems.add(program + ": invalid option -- '" + c + "'");
                    continue;
                }
                boolean takesArgument = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
                if (!takesArgument) {
                    flags.put(c, "");
                } else if (j + 1 < word.length()) {
                    flags.put(c, word.substring(j + 1));
                    break;
                } else if (i + 1 < words.size()) {
                    flags.put(c, words.get(++i));
                    break;
                } else {
                    problems.add(program + ": option requires an argument -- '" + c + "'");
                }
            }
        }
        return new GetOpt(Map.copyOf(flags), List.copyOf(operands), List.copyOf(problems));
    }

    boolean has(char option) {
        return flags.containsKey(option);
    }

    String value(char option) {
        return flags.get(option);
    }

    boolean ok() {
        return problems.isEmpty();
    }
}
