import Glibc
import Hardware
import Runtime
import Testing

/// The configfs gadget builder against a directory tree that behaves like configfs: the exact files
/// and values written, the teardown order, and the errors a user sees.
@Suite struct ConfigfsGadgetTests {
    let description = GadgetDescription(vendorID: 0x1234, productID: 0xABCD, manufacturer: "ACME", product: "Reader 7",
                                        serialNumber: "SN42", functions: [.keyboard, .serial])

    @Test func upWritesIdsStringsFunctionsAndBindsTheOnlyUDC() throws {
        let m = MimicConfigfs()
        let (udc, devices) = try m.gadget.up(description)
        #expect(udc == "dummy_udc.0")
        #expect(devices == GadgetDevices(keyboard: "/dev/hidg0", serial: "/dev/ttyGS0"))
        let g = "lumascan/"
        #expect(m.text(g + "idVendor") == "0x1234")
        #expect(m.text(g + "idProduct") == "0xabcd")
        #expect(m.text(g + "bcdDevice") == "0x0100")
        #expect(m.text(g + "bcdUSB") == "0x0200")
        #expect(m.text(g + "bDeviceClass") == "0xef")
        #expect(m.text(g + "strings/0x409/manufacturer") == "ACME")
        #expect(m.text(g + "strings/0x409/product") == "Reader 7")
        #expect(m.text(g + "strings/0x409/serialnumber") == "SN42")
        #expect(m.text(g + "configs/c.1/MaxPower") == "250")
        #expect(m.text(g + "configs/c.1/bmAttributes") == "0x80")
        #expect(m.text(g + "configs/c.1/strings/0x409/configuration") == "keyboard+serial")
        #expect(m.text(g + "functions/hid.usb0/protocol") == "1")
        #expect(m.text(g + "functions/hid.usb0/subclass") == "1")
        #expect(m.text(g + "functions/hid.usb0/report_length") == "8")
        #expect(m.read(g + "functions/hid.usb0/report_desc") == HIDKeyboardReport.descriptor)
        for f in ["hid.usb0", "acm.usb0"] {
            var buffer = [CChar](repeating: 0, count: 512)
            let n = readlink(m.root + "/" + g + "configs/c.1/" + f, &buffer, 511)
            let target = String(decoding: buffer.prefix(max(n, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(n > 0 && target == m.root + "/lumascan/functions/" + f)
        }
        #expect(m.text(g + "UDC") == "dummy_udc.0")
        #expect(m.gadget.state("lumascan") == (true, "dummy_udc.0"))
    }

    @Test func downUnbindsAndRemovesEverythingInConfigfsOrder() throws {
        let m = MimicConfigfs()
        try m.gadget.up(description)
        try m.gadget.down("lumascan")
        #expect(m.tree.isEmpty, "\(m.tree)")
        try m.gadget.down("lumascan") // nothing left: not an error
    }

    @Test func onlyTheConfiguredFunctionsAreMade() throws {
        let m = MimicConfigfs()
        var d = description
        d.functions = [.serial]
        let (_, devices) = try m.gadget.up(d)
        #expect(devices == GadgetDevices(keyboard: nil, serial: "/dev/ttyGS0"))
        #expect(m.tree.filter { $0.hasPrefix("lumascan/functions/") && !$0.dropFirst(19).contains("/") } == ["lumascan/functions/acm.usb0"])
    }

    @Test func aGadgetOfTheSameNameIsReplaced() throws {
        let m = MimicConfigfs()
        try m.gadget.up(description)
        var d = description
        d.productID = 0x0001
        try m.gadget.up(d)
        #expect(m.text("lumascan/idProduct") == "0x0001")
    }

    @Test func aBusyControllerLeavesNothingBehindAndSaysWhy() {
        let m = MimicConfigfs()
        m.bindErrno = EBUSY
        #expect(throws: GadgetError.self) { try m.gadget.up(description) }
        do {
            try m.gadget.up(description)
        } catch {
            #expect(error.step == .bind("dummy_udc.0"))
            #expect(error.description.contains("another gadget is bound to it"))
        }
        #expect(m.tree.isEmpty, "rolled back: \(m.tree)")
    }

    @Test func noUDCSaysToEnableTheOTGPort() {
        let m = MimicConfigfs(udcs: [])
        do {
            try m.gadget.up(description)
            Issue.record("up succeeded without a UDC")
        } catch {
            #expect(error.description.contains("dtoverlay=dwc2"))
            #expect(error.description.contains("modules-load=dwc2"))
        }
    }

    @Test func severalUDCsMustBeChosenAndAChosenOneMustExist() throws {
        let m = MimicConfigfs(udcs: ["fe980000.usb", "dummy_udc.0"])
        #expect(throws: GadgetError(.severalUDCs(["dummy_udc.0", "fe980000.usb"]))) { try m.gadget.up(description) }
        #expect(throws: GadgetError(.noSuchUDC("musb-hdrc.0", available: ["dummy_udc.0", "fe980000.usb"]))) {
            try m.gadget.up(description, udc: "musb-hdrc.0")
        }
        #expect(try m.gadget.up(description, udc: "fe980000.usb").udc == "fe980000.usb")
    }

    @Test func noConfigfsSaysToLoadLibcomposite() {
        let m = MimicConfigfs(withConfigfs: false)
        do {
            try m.gadget.up(description)
            Issue.record("up succeeded without configfs")
        } catch {
            #expect(error.description.contains("libcomposite"))
        }
    }

    @Test func permissionErrorsSayRootIsNeeded() {
        #expect(GadgetError(.make("/sys/kernel/config/usb_gadget/lumascan", function: nil), errno: EACCES)
            .description.contains("needs root"))
    }

    @Test func theRunSessionMakesTheGadgetAndRemovesOnlyWhatItMade() throws {
        let m = MimicConfigfs()
        var s = USBSettings()
        s.functions = [.keyboard]
        let session = try USBGadgetSession.start(s, gadget: m.gadget, deviceWaitNanoseconds: 0)
        #expect(session.madeGadget)
        #expect(session.devices == GadgetDevices(keyboard: "/dev/hidg0"))
        #expect(session.stop() == nil)
        #expect(m.tree.isEmpty)

        // A gadget already up (made by `lumascan usb-gadget up`) is used as it is and left in place.
        try m.gadget.up(GadgetDescription(functions: [.keyboard, .serial]))
        s.functions = [.keyboard, .serial]
        let adopted = try USBGadgetSession.start(s, gadget: m.gadget, deviceWaitNanoseconds: 0)
        #expect(!adopted.madeGadget)
        #expect(adopted.devices == GadgetDevices(keyboard: "/dev/hidg0", serial: "/dev/ttyGS0"))
        #expect(adopted.stop() == nil)
        #expect(m.gadget.state("lumascan").exists)
    }

    @Test func externalGadgetModeTouchesNothingAndUsesTheConfiguredDevices() throws {
        let m = MimicConfigfs()
        var s = USBSettings()
        s.functions = [.keyboard, .serial]
        s.gadget = .external
        s.serialDevice = "/dev/ttyGS3"
        let session = try USBGadgetSession.start(s, gadget: m.gadget, deviceWaitNanoseconds: 0)
        #expect(!session.madeGadget)
        #expect(session.devices == GadgetDevices(keyboard: "/dev/hidg0", serial: "/dev/ttyGS3"))
        #expect(m.tree.isEmpty)
    }
}
