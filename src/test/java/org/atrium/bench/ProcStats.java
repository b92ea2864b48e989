package org.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CPU time and resident memory of processes, read from Linux /proc (empty results elsewhere). */
final class ProcStats {

    /** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** User + system CPU seconds used so far by the process, or -1 when unknown. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sum of {@link #cpuSeconds} over several processes (unknown ones count 0). */
    static double cpuSeconds(List<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            sum += Math.max(0, cpuSeconds(pid));
        }
        return sum;
    }

    /** Resident set size in KiB (VmRSS), or -1 when unknown. */
    static long rssKiB(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * The live heap of a local JVM in KiB, after the full collection that {@code jcmd <pid> GC.class_histogram}
     * performs (the "Total" line), or -1 when it cannot be read.
     */
    static long liveHeapKiB(long pid) {
        return liveHeapKiB(pid, null);
    }

    /** As {@link #liveHeapKiB(long)}, also saving the whole class histogram to {@code saveTo} when given. */
    static long liveHeapKiB(long pid, Path saveTo) {
        if (pid <= 0) {
            return -1;
        }
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(pid),
                            "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            String total = null;
            long filler = 0;
            StringBuilder all = new StringBuilder();
            try (var reader = jcmd.inputReader()) {
                String line;
                while ((line = reader.readLine()) != null) {
                    all.append(line).append('\n');
                    if (line.contains("jdk.internal.vm.FillerElement")) {
                        // gaps the collector fills, not objects: not part of the live heap
                        String[] f = line.trim().split("\\s+");
                        filler += Long.parseLong(f[2]);
                    }
                    if (line.trim().startsWith("Total")) {
                        total = line.trim();
                    }
                }
            }
            jcmd.waitFor();
            if (saveTo != null) {
                Files.writeString(saveTo, all);
            }
            if (total == null) {
                return -1;
            }
            String[] f = total.split("\\s+");
            return (Long.parseLong(f[2]) - filler) / 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Busy and total CPU seconds of the whole machine so far (from the first line of /proc/stat). */
    static double[] machineSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {-1, -1};
        }
    }

    /** The postmaster of a PostgreSQL data directory and all its children (the backends), or empty. */
    static List<Long> postgresProcesses(Path dataDirectory) {
        List<Long> pids = new ArrayList<>();
        if (dataDirectory == null) {
            return pids;
        }
        Optional<Long> postmaster;
        try {
            postmaster = Optional.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim()));
        } catch (IOException | RuntimeException e) {
            return pids;
        }
        pids.add(postmaster.get());
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            String[] fields =
                                    stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            if (Long.parseLong(fields[1]) == postmaster.get()) {
                                pids.add(Long.parseLong(p.getFileName().toString()));
                            }
                        } catch (IOException | RuntimeException e) {
                            // exited meanwhile
                        }
                    });
        } catch (IOException e) {
            // no /proc
        }
        return pids;
    }
}
