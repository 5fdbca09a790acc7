/// The release, as `lumascan --version` prints it and status replies report it.
public enum LumascanVersion {
    public static let text: StaticString = "0.1.0"
    public static var string: String { text.description }
}
