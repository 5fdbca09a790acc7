import Foundation
import Glibc
import Testing

/// The scanner stores nothing: a demo run under `strace -f` opens nothing for writing and creates,
/// renames, links or removes nothing — however it ends: a frame limit, SIGTERM, a SIGHUP reload, or
/// a crash (and a crash leaves no core dump, even where core dumps are allowed).
@Suite(.serialized) struct NoStorageTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let calls = "open,openat,openat2,creat,mkdir,mkdirat,mknod,mknodat,rename,renameat,renameat2,link,linkat,"
        + "symlink,symlinkat,unlink,unlinkat,rmdir,truncate,ftruncate"

    enum Ending: String, CaseIterable {
        case frameLimit, sigterm, sighupReloadThenSigterm, crashSIGSEGV, crashSIGABRT
    }

    @Test(arguments: Ending.allCases)
    func aDemoRunOpensNothingForWritingAndCreatesNothing(ending: Ending) throws {
        let strace = try #require(Self.strace, "strace is needed (Scripts/setup-debian.sh installs it)")
        let dir = TemporaryFolder()
        let log = dir.path + "/strace.log"
        let config = dir.write("demo.toml", "source = \"demo\"\n[demo]\nfps = 60\n")
        let limit = ending == .frameLimit ? ["--max-frames", "60"] : []
        // Core dumps allowed and the working directory writable, so that a crash would leave a core
        // file in it unless the scanner prevents that itself.
        // A crash is the signal's default action, as with the installed binary (static Swift runtime,
        // no swift-backtrace helper beside it). The toolchain's backtracer would catch a SIGSEGV sent
        // by kill, print a backtrace and resume, and under strace it waits on ptrace.
        let backtracer = ending == .crashSIGSEGV || ending == .crashSIGABRT ? "SWIFT_BACKTRACE=enable=no " : ""
        let command = "ulimit -c unlimited; cd '\(dir.path)' && \(backtracer)exec '\(strace)' -f -qq -o '\(log)' -e trace=\(Self.calls) "
            + "'\(Subprocess.lumascan)' run --config '\(config)' " + limit.joined(separator: " ")
        let p = try Subprocess(["-c", command], executable: "/bin/sh")
        #expect(p.waitFor(seconds: 30) { $0.stdout.contains("LUMASCAN DEMO 1") }, "the run did scan")
        let scanner = ending == .frameLimit ? 0 : try #require(Self.child(of: p.pid), "the scanner's process id")
        switch ending {
        case .frameLimit:
            break
        case .sigterm:
            kill(scanner, SIGTERM)
        case .sighupReloadThenSigterm:
            dir.write("demo.toml", "source = \"demo\"\n[demo]\nfps = 60\n[output]\nformat = \"jsonl\"\n")
            kill(scanner, SIGHUP)
            #expect(p.waitFor(seconds: 20) { $0.stdout.contains("{\"seq\":") }, "reloaded")
            kill(scanner, SIGTERM)
        case .crashSIGSEGV:
            kill(scanner, SIGSEGV)
        case .crashSIGABRT:
            kill(scanner, SIGABRT)
        }
        let status = p.exitStatus(within: 60)
        switch ending {
        case .frameLimit, .sigterm, .sighupReloadThenSigterm: #expect(status == 0, "\(p.stderr)")
        case .crashSIGSEGV: #expect(status == SIGSEGV && p.process.terminationReason == .uncaughtSignal, "\(p.stderr)")
        case .crashSIGABRT: #expect(status == SIGABRT && p.process.terminationReason == .uncaughtSignal, "\(p.stderr)")
        }
        let trace = try String(contentsOfFile: log, encoding: .utf8)
        let lines = trace.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("demo.toml") }, "the trace saw the configuration being read")
        let dumped = lines.filter { $0.contains("core dumped") }
        #expect(dumped.isEmpty, "\(dumped)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["demo.toml", "strace.log"], "nothing else in the working directory")
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

    /// The process strace started (the first child of `pid`).
    static func child(of pid: Int32) -> Int32? {
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8),
               let first = text.split(separator: " ").first, let child = Int32(first) {
                return child
            }
            usleep(20_000)
        }
        return nil
    }
}
