import Glibc

/// Finds a camera's device node from the configured name.
///
/// A path is used as is. A bare name is looked up as a persistent link first (`/dev/v4l/by-id/…`,
/// which names the USB camera model and serial and survives re-plugging into another port), then
/// `/dev/v4l/by-path/…`, then `/dev/NAME` (`video0`). Resolved again at every reconnect, so that a
/// camera that comes back as `/dev/video2` is still found through its by-id name.
public enum CameraDevicePath {
    public static func candidates(for name: String) -> [String] {
        if name.contains("/") { return [name] }
        return ["/dev/v4l/by-id/" + name, "/dev/v4l/by-path/" + name, "/dev/" + name]
    }

    /// The first candidate that exists (by `exists`), or the first candidate.
    public static func resolve(_ name: String, exists: (String) -> Bool = CameraDevicePath.exists) -> String {
        let all = candidates(for: name)
        return all.first(where: exists) ?? all[0]
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// A NUL-terminated C string in a fixed array, as a String (ioctl answers).
func stringFromC(_ chars: [CChar]) -> String {
    chars.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}
