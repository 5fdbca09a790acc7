import Hardware

/// Something that wants each read as it is sent, besides the serial links (the keyboard wedge).
/// Called once per read, on the frame path: it must not allocate.
public protocol ReadTap: AnyObject {
    func readSent(_ read: ReadReport)
    /// A collecting read cycle's codes, already encoded one after the other (with their AIM ids and
    /// separators) by the serial link's `encoder`.
    func collectedSent(codes: UnsafeRawBufferPointer, encodedBy encoder: ReadEncoder)
}

/// Types each read on the USB keyboard: encoded as plain text with the keyboard's own prefix, suffix
/// (Enter, Tab) and AIM setting into a buffer allocated at start-up, then handed to the wedge, which
/// queues its keys whole or drops the read (counted).
public final class KeyboardOutput: ReadTap {
    public let wedge: KeyboardWedge
    public let encoder: ReadEncoder
    private var buffer: MessageBuffer
    /// Reads too long for the buffer (never typed cut short), and collected JSON reads (not typed).
    public private(set) var oversizedReads: UInt64 = 0

    public init(wedge: KeyboardWedge, settings: OutputSettings, maxResults: Int, maxPayloadBytes: Int, maxTextBytes: Int) {
        self.wedge = wedge
        encoder = ReadEncoder(settings: settings)
        buffer = MessageBuffer(capacity: encoder.maximumMessageBytes(maxResults: maxResults, maxPayloadBytes: maxPayloadBytes,
                                                                     maxTextBytes: maxTextBytes))
    }

    public func readSent(_ read: ReadReport) {
        buffer.reset()
        encoder.encode(read, into: &buffer)
        guard !buffer.overflowed else {
            oversizedReads &+= 1
            return
        }
        _ = wedge.send(buffer.bytes)
    }

    /// Collected codes are typed as the serial link encoded them (plain or STX/ETX framing: the code
    /// bytes themselves; not JSON objects, which are not typed) between the keyboard's prefix and suffix.
    public func collectedSent(codes: UnsafeRawBufferPointer, encodedBy serialEncoder: ReadEncoder) {
        guard serialEncoder.settings.format != .jsonLines else {
            oversizedReads &+= 1
            return
        }
        buffer.reset()
        encoder.encode(codes: codes, sequence: 0, decodeNanoseconds: 0, into: &buffer)
        guard !buffer.overflowed else {
            oversizedReads &+= 1
            return
        }
        _ = wedge.send(buffer.bytes)
    }
}

/// The USB links' figures in the status reply (`… usb_serial_dropped=… keyboard_typed=…`): what a host
/// that stopped reading, or an unplugged cable, cost. Numbers written in place, nothing allocated.
public final class USBStatus {
    public let links: OutputLinks

    public init(links: OutputLinks) { self.links = links }

    func append(into out: inout MessageBuffer) {
        if let serial = links.usbSerial {
            out.append(" usb_serial_dropped=")
            out.appendDecimal(Int(truncatingIfNeeded: serial.counters.droppedMessages))
        }
        if let wedge = links.keyboard {
            out.append(" keyboard_typed=")
            out.appendDecimal(Int(truncatingIfNeeded: wedge.keyboard.keysTyped))
            out.append(" keyboard_dropped=")
            out.appendDecimal(Int(truncatingIfNeeded: wedge.counters.droppedMessages))
            out.append(" keyboard_untypable=")
            out.appendDecimal(Int(truncatingIfNeeded: wedge.keyboard.untypableCharacters))
        }
    }
}
