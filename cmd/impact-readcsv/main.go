// Command impact-readcsv stores a CSV file in a fresh DuckDB database with
// DuckDB's own reader (CREATE TABLE t AS SELECT * FROM read_csv(file)) and
// prints the rows it stored: the floor that `make bench` measures the
// ingest of the same file against, as a whole process like impact itself.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/joiningforces/impact/store"
)

func main() {
	db := flag.String("db", "", "the database file to create (it must not exist)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: impact-readcsv -db NEW.duckdb FILE.csv")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *db == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*db); err == nil {
		fmt.Fprintf(os.Stderr, "impact-readcsv: %s exists; name a new file\n", *db)
		os.Exit(2)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "impact-readcsv:", err)
		os.Exit(4)
	}
	n, err := s.CopyCSV(ctx, "t", flag.Arg(0))
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "impact-readcsv:", err)
		os.Exit(3)
	}
	fmt.Println(n)
}
