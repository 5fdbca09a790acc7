import Foundation
import Glibc
import Hardware

/// A temporary directory that behaves like configfs for the gadget builder: `mkdir` of a gadget,
/// configuration, strings or function directory makes its attribute files and default groups (as the
/// kernel does), attributes are written without being created, and `rmdir` refuses a directory that
/// still holds symlinks or directories made by the user (so the teardown order is checked). Writes to
/// `UDC` can be made to fail (a busy controller).
final class MimicConfigfs: @unchecked Sendable {
    let folder = TemporaryFolder()
    let root: String
    let udcClass: String
    var bindErrno: Int32 = 0

    init(udcs: [String] = ["dummy_udc.0"], withConfigfs: Bool = true) {
        root = folder.path + "/usb_gadget"
        udcClass = folder.path + "/udc"
        if withConfigfs { mkdir(root, 0o755) }
        mkdir(udcClass, 0o755)
        for u in udcs { mkdir(udcClass + "/" + u, 0o755) }
    }

    var gadget: ConfigfsGadget { ConfigfsGadget(root: root, udcClass: udcClass, fs: fs) }

    func read(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: root + "/" + relative).map { Array($0) }
    }

    func text(_ relative: String) -> String? { read(relative).map { String(decoding: $0, as: UTF8.self) } }

    /// Every path under the root, relative, sorted.
    var tree: [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted()
    }

    private func defaults(for path: String) -> (files: [String: String], dirs: [String]) {
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let parentName = (parent as NSString).lastPathComponent
        if parent == root {
            let ids = ["idVendor", "idProduct", "bcdDevice", "bcdUSB", "bDeviceClass", "bDeviceSubClass", "bDeviceProtocol"]
            return (Dictionary(uniqueKeysWithValues: (ids + ["UDC"]).map { ($0, "") }),
                    ["functions", "configs", "strings", "os_desc"])
        }
        if parentName == "configs" { return (["MaxPower": "", "bmAttributes": ""], ["strings"]) }
        if parentName == "strings" {
            let inConfig = ((parent as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent.hasSuffix("/configs")
            return inConfig ? (["configuration": ""], []) : (["manufacturer": "", "product": "", "serialnumber": ""], [])
        }
        if parentName == "functions" {
            if name.hasPrefix("hid.") {
                return (["protocol": "0", "subclass": "0", "report_length": "0", "report_desc": "", "dev": "236:0\n"], [])
            }
            if name.hasPrefix("acm.") { return (["port_num": "0\n"], []) }
        }
        return ([:], [])
    }

    var fs: GadgetFileSystem {
        let linux = GadgetFileSystem.linux
        return GadgetFileSystem(
            makeDirectory: { path in
                let r = linux.makeDirectory(path)
                guard r == 0 else { return r }
                let (files, dirs) = self.defaults(for: path)
                for (f, v) in files { _ = FileManager.default.createFile(atPath: path + "/" + f, contents: Data(v.utf8)) }
                for d in dirs { mkdir(path + "/" + d, 0o755) }
                return 0
            },
            removeDirectory: { path in
                let defaultDirs = self.defaults(for: path).dirs
                for entry in linux.list(path) ?? [] {
                    let p = path + "/" + entry
                    switch linux.kind(p) {
                    case .symlink: return -ENOTEMPTY
                    case .directory:
                        if !defaultDirs.contains(entry) || !(linux.list(p) ?? []).isEmpty { return -ENOTEMPTY }
                    default: break
                    }
                }
                try? FileManager.default.removeItem(atPath: path)
                return 0
            },
            writeAttribute: { path, bytes in
                if path.hasSuffix("/UDC"), bytes != [0x0A], self.bindErrno != 0 { return -self.bindErrno }
                guard linux.kind(path) == .file else { return -ENOENT } // never created by a write
                let fd = open(path, O_WRONLY | O_TRUNC)
                defer { close(fd) }
                let stored = path.hasSuffix("/UDC") && bytes == [0x0A] ? [] : bytes
                return stored.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == stored.count ? 0 : -EIO
            },
            readAttribute: linux.readAttribute,
            symlink: linux.symlink,
            unlink: linux.unlink,
            kind: linux.kind,
            list: linux.list
        )
    }
}
