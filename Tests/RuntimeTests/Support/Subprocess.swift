import Foundation
import Glibc
import TestSupport

/// The `lumascan` executable built next to the test bundle, run as a child process with its output
/// captured: for tests of the command as an operator or systemd uses it.
final class Subprocess: @unchecked Sendable {
    /// The `lumascan` binary of this build (`swift test` builds it beside the test bundle).
    static let lumascan: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("lumascan").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "lumascan-binary-not-found-next-to-\(exe)"
    }()

    let process = Process()
    private let outPipe = Pipe(), errPipe = Pipe()
    private let lock = NSLock()
    private var out = Data(), err = Data()

    /// - Parameter environment: variables added to (or, with "", removed from) this process's own.
    init(_ arguments: [String], executable: String = Subprocess.lumascan, environment: [String: String] = [:]) throws {
        BrokenPipes.ignore()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v.isEmpty ? nil : v }
            process.environment = env
        }
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, toOut: true) }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] h in self?.append(h.availableData, toOut: false) }
        try process.run()
    }

    private func append(_ data: Data, toOut: Bool) {
        lock.lock()
        if toOut { out.append(data) } else { err.append(data) }
        lock.unlock()
    }

    var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: out, as: UTF8.self)
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: err, as: UTF8.self)
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ signo: Int32) { kill(process.processIdentifier, signo) }

    /// Waits until `condition` holds (checked every 20 ms) or `seconds` pass; returns whether it held.
    @discardableResult
    func waitFor(seconds: Double, _ condition: (Subprocess) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(20_000)
        }
        return condition(self)
    }

    /// Waits for the exit (killing the process after `seconds`); returns the exit status.
    func exitStatus(within seconds: Double = 20) -> Int32 {
        if !waitFor(seconds: seconds, { !$0.process.isRunning }) {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        usleep(50_000) // let the pipe handlers take the last bytes
        return process.terminationStatus
    }

    /// Resident memory of the running process in KiB (VmRSS), or nil when it has exited.
    var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ")[1])
        }
        return nil
    }
}

/// A temporary folder for a test's own files (configurations, images); removed with its contents.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "lumascan-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        try! text.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    func write(_ name: String, bytes: [UInt8]) {
        FileManager.default.createFile(atPath: path + "/" + name, contents: Data(bytes))
    }
}
