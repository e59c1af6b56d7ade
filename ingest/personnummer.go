package ingest

import "time"

// containsPersonnummer reports whether s holds, anywhere in it, something
// shaped like a Swedish personal identity number (personnummer) or
// coordination number (samordningsnummer, whose day is raised by 60).
//
// The shapes and how sure each is:
//
//   - YYMMDD-NNNN, YYMMDD+NNNN (the + for those over a hundred) and
//     YYYYMMDD-NNNN: refused when the date is plausible. The separator and
//     the 6+4 (or 8+4) digits make the shape so particular that an ordinary
//     value does not take it, and a mistyped number with a wrong check digit
//     is still a person's number.
//   - YYYYMMDDNNNN and YYMMDDNNNN (bare digits): refused when the date is
//     plausible and the last digit is the Luhn check digit of the other nine.
//     Bare ten- and twelve-digit numbers are common (order numbers, phone
//     numbers, amounts in öre), and the Luhn check keeps nine out of ten of
//     those that happen to start with a date from being refused.
//
// A digit run that is part of a longer run of digits, or of a decimal
// number (46303.5105208333, an Excel date-time; 3,5), is not a match.
func containsPersonnummer(s string) bool {
	// Fast exit: fewer than ten digits cannot hold one.
	if len(s) < 10 {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits < 10 {
		return false
	}
	for start := 0; start < len(s); {
		if !isDigitByte(s[start]) || (start > 0 && isDigitByte(s[start-1])) {
			start++
			continue
		}
		end := start
		for end < len(s) && isDigitByte(s[end]) {
			end++
		}
		run := s[start:end]
		if partOfDecimal(s, start, end) {
			start = end
			continue
		}
		switch {
		case (len(run) == 6 || len(run) == 8) && end+5 <= len(s) && (s[end] == '-' || s[end] == '+') &&
			allDigits(s[end+1:end+5]) && (end+5 == len(s) || !isDigitByte(s[end+5])):
			if plausibleDate(run) {
				return true
			}
		case len(run) == 10 || len(run) == 12:
			if plausibleDate(run[:len(run)-4]) && luhn(run[len(run)-10:]) {
				return true
			}
		}
		start = end
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// plausibleDate checks YYMMDD or YYYYMMDD: a month of 1–12 and a day that
// the month has, or that day plus 60 (a samordningsnummer). A four-digit
// year must be from 1880 to the present.
func plausibleDate(s string) bool {
	year := 2000
	switch len(s) {
	case 6:
		year += atoi2(s[0:2])
		s = s[2:]
	case 8:
		year = atoi2(s[0:2])*100 + atoi2(s[2:4])
		if year < 1880 || year > time.Now().Year() {
			return false
		}
		s = s[4:]
	default:
		return false
	}
	month, day := atoi2(s[0:2]), atoi2(s[2:4])
	if day > 60 {
		day -= 60
	}
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	// A two-digit year may be of either century; February 29th of 00 is
	// allowed, as 2000 was a leap year.
	return day <= time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// luhn checks the last digit of ten as the Luhn (mod 10) check digit of
// the nine before it, as the Swedish Tax Agency computes it.
func luhn(ten string) bool {
	sum := 0
	for i := 0; i < 10; i++ {
		d := int(ten[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// partOfDecimal reports whether the digit run s[start:end] is the whole or
// the fraction of a decimal number: a point or a comma joins it to
// another digit run. Two runs of a personnummer's length joined so
// ("8503121231,8503121231") are a list, not a decimal.
func partOfDecimal(s string, start, end int) bool {
	joined := func(from, to int) bool {
		n := to - from
		return n > 0 && n != 10 && n != 12
	}
	if start >= 2 && (s[start-1] == '.' || s[start-1] == ',') && isDigitByte(s[start-2]) {
		from := start - 1
		for from > 0 && isDigitByte(s[from-1]) {
			from--
		}
		if joined(from, start-1) {
			return true
		}
	}
	if end+1 < len(s) && (s[end] == '.' || s[end] == ',') && isDigitByte(s[end+1]) {
		to := end + 1
		for to < len(s) && isDigitByte(s[to]) {
			to++
		}
		if joined(end+1, to) {
			return true
		}
	}
	return false
}
