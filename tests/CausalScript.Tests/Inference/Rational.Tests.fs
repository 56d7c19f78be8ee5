module CausalScript.Tests.Inference.RationalTests

open System
open System.Numerics
open Expecto
open CausalScript.Inference

let private random (rng: Random) =
    Rational(BigInteger(rng.Next(-50, 51)), BigInteger(rng.Next(1, 30)))

[<Tests>]
let tests =
    testList "Inference.Rational" [
        testCase "lowest terms, sign on the numerator, parsing" <| fun () ->
            Expect.equal (string (Rational(BigInteger 6, BigInteger -8))) "-3/4" "reduced"
            Expect.equal (Rational.Parse "29/100" + Rational.Parse "71/100") Rational.One "29/100 + 71/100 = 1"
            Expect.equal (Rational.Parse "0.125") (Rational(BigInteger 1, BigInteger 8)) "decimal"
            Expect.equal (string Rational.Zero) "0" "default is 0"
            Expect.equal Rational.Zero.Denominator BigInteger.One "default denominator"
            Expect.throwsT<DivideByZeroException> (fun () -> Rational.One / Rational.Zero |> ignore) "division by zero"

        testCase "field laws and order agree with exact arithmetic (2,000 random triples)" <| fun () ->
            let rng = Random 11
            for _ in 1..2000 do
                let a, b, c = random rng, random rng, random rng
                Expect.equal ((a + b) + c) (a + (b + c)) "associativity"
                Expect.equal (a * (b + c)) (a * b + a * c) "distributivity"
                Expect.equal (a - a) Rational.Zero "a - a"
                if b <> Rational.Zero then Expect.equal ((a / b) * b) a "division"
                Expect.equal (a < b) (double a < double b || (double a = double b && a < b)) "order"

        testCase "FromDouble is exact and ToDouble inverts it" <| fun () ->
            let rng = Random 5
            for _ in 1..2000 do
                let x = (rng.NextDouble() - 0.5) * Math.Pow(10.0, float (rng.Next(-12, 12)))
                Expect.equal (Rational.FromDouble(x).ToDouble()) x "round trip"
            Expect.equal (Rational.FromDouble 0.5) (Rational(BigInteger 1, BigInteger 2)) "0.5"
            Expect.equal ((Rational.Parse "1/3").ToDouble()) (1.0 / 3.0) "1/3 rounds to the nearest double"

        testCase "ToDouble rounds to the nearest double (regression: 1/10 gave 0.09999999999999999, 2/5 gave 0.39999999999999997)" <| fun () ->
            // Integers below 2^53 are exact doubles and IEEE division rounds their quotient correctly: the reference.
            let check (n: int64) (d: int64) =
                let expected = float n / float d
                let actual = Rational(BigInteger n, BigInteger d).ToDouble()
                if actual <> expected then failtestf "%d/%d: expected %s, got %s" n d (expected.ToString "R") (actual.ToString "R")
            for d in 1L .. 100L do
                for n in -d .. 2L * d do check n d
            let rng = Random 6
            let below53 () = (int64 (rng.Next()) <<< 22) ||| int64 (rng.Next(1 <<< 22))
            for _ in 1..20000 do
                check (below53 () >>> rng.Next(0, 40)) (max 1L (below53 () >>> rng.Next(0, 40)))
            Expect.equal ((Rational.Parse "0.1").ToDouble()) 0.1 "0.1"
            Expect.equal ((Rational.Parse "-2/5").ToDouble()) -0.4 "-2/5"
            Expect.equal (Rational.Zero.ToDouble()) 0.0 "0"
    ]
