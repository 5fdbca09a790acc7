import Capture
import Decoding
import Hardware

/// Builds a scan loop from a configuration: every buffer sized from it, once, here.
public enum ScanAssembly {
    /// The decoder for the configured formats and the largest view the decode window produces.
    public static func makeDecoder(config: ScannerConfiguration) -> Decoder {
        let window = makeWindow(config: config)
        return Decoder(configuration: DecoderConfiguration(
            maxWidth: window.maxViewWidth, maxHeight: window.maxViewHeight, formats: config.decode.formats,
            maxResults: config.decode.maxResults, maxPayloadBytes: config.decode.maxPayloadBytes,
            maxTextBytes: config.decode.maxTextBytes, eanAddOns: config.decode.eanAddOns))
    }

    public static func makeWindow(config: ScannerConfiguration) -> DecodeWindow {
        let size = config.frameSize
        return DecodeWindow(settings: config.decode, frameWidth: size.width, frameHeight: size.height)
    }

    /// The serial link for the configuration (not opened yet).
    public static func makeLink(config: ScannerConfiguration) -> SerialPort {
        let device = config.effectiveSerialDevice
        let endpoint: SerialPort.Endpoint = device == LinkSettings.standardOutput
            ? .descriptors(output: 1, input: -1)
            : .device(path: device, settings: config.serial.line)
        return SerialPort(endpoint: endpoint, queueCapacity: config.serial.queueBytes,
                          reopenIntervalNanoseconds: UInt64(config.serial.reopenMilliseconds) * 1_000_000)
    }

    /// The serial link plus, in USB device mode, the gadget's serial port and keyboard wedge at
    /// `devices` (none opened yet).
    public static func makeLinks(config: ScannerConfiguration, usb devices: GadgetDevices = GadgetDevices()) -> OutputLinks {
        let reopen = UInt64(config.serial.reopenMilliseconds) * 1_000_000
        let usbSerial = devices.serial.map {
            SerialPort(endpoint: .device(path: $0, settings: SerialSettings()), queueCapacity: config.serial.queueBytes,
                       reopenIntervalNanoseconds: reopen)
        }
        let keyboard = devices.keyboard.map {
            KeyboardWedge(path: $0, encoder: KeystrokeEncoder(layout: KeyboardLayout(config.keyboard.layout),
                                                              untypable: config.keyboard.untypable),
                          keyDelayNanoseconds: UInt64(config.keyboard.keyDelayMilliseconds) * 1_000_000,
                          queueKeys: config.keyboard.queueKeys, reopenIntervalNanoseconds: reopen)
        }
        if config.effectiveSerialDevice == LinkSettings.none {
            return OutputLinks(usbSerial: usbSerial, keyboard: keyboard)
        }
        return OutputLinks(primary: makeLink(config: config), usbSerial: usbSerial, keyboard: keyboard)
    }

    /// The keyboard wedge's encoder of reads, for `ReadController.readTap`.
    public static func makeKeyboardOutput(config: ScannerConfiguration, wedge: KeyboardWedge) -> KeyboardOutput {
        KeyboardOutput(wedge: wedge, settings: config.keyboard.outputSettings(separator: config.output.separator,
                                                                              payload: config.output.payload),
                       maxResults: config.decode.maxResults, maxPayloadBytes: config.decode.maxPayloadBytes,
                       maxTextBytes: config.decode.maxTextBytes)
    }

    /// A loop over the given devices and reader, with policy, encoder, outbox and feedback timing
    /// made from `config`.
    public static func makeLoop<Source: FrameSource, Link: ByteSink & ByteSource, Feedback: FeedbackOutput,
        Trigger: TriggerInput, Reader: FrameDecoding>(
        config: ScannerConfiguration, source: Source, link: Link, feedback: Feedback, trigger: Trigger, reader: Reader
    ) -> ScanLoop<Source, Link, Feedback, Trigger, Reader> {
        let encoder = ReadEncoder(settings: config.effectiveOutput)
        let messageBytes = encoder.maximumMessageBytes(maxResults: config.decode.maxResults,
                                                       maxPayloadBytes: config.decode.maxPayloadBytes,
                                                       maxTextBytes: config.decode.maxTextBytes)
        // Room for a read, the no-read string and a burst of command replies in one iteration.
        let outbox = Outbox(capacity: messageBytes + 16384, maxMessages: 64)
        let scheduler = FeedbackScheduler(settings: config.effectiveFeedback)
        let controller = ReadController(settings: config.scan, encoder: encoder, outbox: outbox, feedback: scheduler,
                                        maxResults: config.decode.maxResults, commands: config.commands,
                                        match: config.match, noRead: config.effectiveNoRead, collectBytes: messageBytes)
        return ScanLoop(source: source, link: link, feedbackOutput: feedback, trigger: trigger, reader: reader,
                        window: makeWindow(config: config), controller: controller, feedback: scheduler, outbox: outbox)
    }
}
