/// What the USB gadget announces to the host: ids, strings, and the functions it offers.
public struct GadgetDescription: Equatable, Sendable {
    public enum Function: String, CaseIterable, Sendable {
        /// An HID boot keyboard (`functions/hid.usb0`): the keyboard wedge types on `/dev/hidgN`.
        case keyboard
        /// A CDC-ACM serial port (`functions/acm.usb0`): `/dev/ttyGSN` here, a COM port / ttyACM there.
        case serial

        /// The configfs function directory name.
        public var directory: String {
            switch self {
            case .keyboard: "hid.usb0"
            case .serial: "acm.usb0"
            }
        }
    }

    /// The directory name under `usb_gadget/`.
    public var name: String
    public var vendorID: UInt16
    public var productID: UInt16
    /// bcdDevice: the device's release number.
    public var deviceRelease: UInt16
    public var manufacturer: String
    public var product: String
    public var serialNumber: String
    /// Current drawn from the host, in mA (the configuration's MaxPower).
    public var maxPowerMilliamperes: Int
    public var functions: [Function]

    /// The Linux Foundation's id for a multifunction composite gadget (0x1d6b:0x0104): fine on the bench;
    /// a product shipped to customers needs its own vendor and product id.
    public init(name: String = "lumascan", vendorID: UInt16 = 0x1D6B, productID: UInt16 = 0x0104,
                deviceRelease: UInt16 = 0x0100, manufacturer: String = "Lumascan", product: String = "Lumascan scanner",
                serialNumber: String = "0001", maxPowerMilliamperes: Int = 250, functions: [Function]) {
        self.name = name
        self.vendorID = vendorID
        self.productID = productID
        self.deviceRelease = deviceRelease
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
        self.maxPowerMilliamperes = maxPowerMilliamperes
        self.functions = functions
    }
}
