import Imaging
import Testing

@Suite struct PerspectiveTransformTests {
    @Test func squareToQuadMapsCornersOntoQuad() {
        let q = Quad(PointF(10, 20), PointF(110, 25), PointF(120, 140), PointF(5, 130))
        let t = PerspectiveTransform.squareToQuad(q)
        for (s, p) in [(PointF(0, 0), q.topLeft), (PointF(1, 0), q.topRight), (PointF(1, 1), q.bottomRight), (PointF(0, 1), q.bottomLeft)] {
            let r = t.apply(s)
            #expect(r.distance(to: p) < 1e-9)
        }
    }

    @Test func quadToQuadRoundTrips() {
        let a = Quad(PointF(0, 0), PointF(21, 0), PointF(21, 21), PointF(0, 21))
        let b = Quad(PointF(30, 40), PointF(200, 55), PointF(190, 230), PointF(25, 210))
        let t = PerspectiveTransform.quadToQuad(from: a, to: b)
        let back = PerspectiveTransform.quadToQuad(from: b, to: a)
        let p = t.apply(7.5, 13.25)
        let r = back.apply(p)
        #expect(abs(r.x - 7.5) < 1e-9 && abs(r.y - 13.25) < 1e-9)
    }

    @Test func leastSquaresFitRecoversAKnownHomography() {
        let truth = PerspectiveTransform.quadToQuad(
            from: Quad(PointF(0, 0), PointF(1, 0), PointF(1, 1), PointF(0, 1)),
            to: Quad(PointF(30, 40), PointF(200, 55), PointF(190, 230), PointF(25, 210)))
        var src: [PointF] = [], dst: [PointF] = []
        for i in 0..<5 {
            for j in 0..<5 {
                let s = PointF(Double(i) / 4, Double(j) / 4)
                src.append(s)
                dst.append(truth.apply(s))
            }
        }
        let fitted = src.withUnsafeBufferPointer { s in dst.withUnsafeBufferPointer { d in PerspectiveTransform.fit(source: s, target: d) } }
        let f = try! #require(fitted)
        let p = f.apply(0.3, 0.7), q = truth.apply(0.3, 0.7)
        #expect(p.distance(to: q) < 1e-6)
    }

    @Test func degenerateQuadIsNotUsable() {
        let q = Quad(PointF(1, 1), PointF(1, 1), PointF(1, 1), PointF(1, 1))
        let t = PerspectiveTransform.squareToQuad(q)
        #expect(!t.isUsable || !t.apply(0.5, 0.5).isFinite || t.apply(0.5, 0.5) == PointF(1, 1))
        #expect(checkedFloor(.nan) == nil)
        #expect(checkedFloor(.infinity) == nil)
        #expect(checkedFloor(-3.5) == -4)
    }
}
