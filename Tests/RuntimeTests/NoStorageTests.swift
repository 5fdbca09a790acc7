import Foundation
import Testing

/// The scanner stores nothing: a demo run under `strace -f` opens nothing for writing and creates,
/// renames, links or removes nothing.
@Suite struct NoStorageTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func aDemoRunOpensNothingForWritingAndCreatesNothing() throws {
        let strace = try #require(Self.strace, "strace is needed (Scripts/setup-debian.sh installs it)")
        let dir = TemporaryFolder()
        let log = dir.path + "/strace.log"
        let calls = "open,openat,openat2,creat,mkdir,mkdirat,mknod,mknodat,rename,renameat,renameat2,link,linkat,"
            + "symlink,symlinkat,unlink,unlinkat,rmdir,truncate,ftruncate"
        let config = dir.write("demo.toml", "source = \"demo\"\n[demo]\nfps = 60\n")
        let p = try Subprocess(["-f", "-qq", "-o", log, "-e", "trace=" + calls,
                                Subprocess.lumascan, "run", "--config", config, "--max-frames", "60"], executable: strace)
        #expect(p.exitStatus(within: 60) == 0, "\(p.stderr)")
        #expect(p.stdout.contains("LUMASCAN DEMO 1"), "the run did scan")
        let trace = try String(contentsOfFile: log, encoding: .utf8)
        let lines = trace.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("demo.toml") }, "the trace saw the configuration being read")
        let writing = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND", "O_TMPFILE"]
        let offending = lines.filter { line in
            // "1234  openat(AT_FDCWD, \"…\", O_RDONLY|O_CLOEXEC) = 3": the call after the process id.
            let call = String(line.drop { $0.isNumber }.drop { $0 == " " })
            if call.hasPrefix("open") || call.hasPrefix("creat") {
                return call.hasPrefix("creat") || writing.contains { call.contains($0) }
            }
            return !call.hasPrefix("+++") && !call.hasPrefix("---") && !call.contains("exited with")
        }
        #expect(offending.isEmpty, "calls that write or create: \(offending)")
    }
}
