"""Worker-side cost of the ``.txt`` import (issue 2): CPU µs per file, against a budget.

Run ``python bench/bench_txt_parse.py [FOLDER] [--profile] [--limit N]``. Without a folder it
writes 20,000 articles with ``bench/corpus.py`` (``write_txt_folder``) into a temporary folder.
It times, in this one process with ``time.process_time``, what an import's parse workers do
per file: ``read_txt`` (decoding, cleaning, date/outlet, record) and ``parallel._pack`` (search
key, UTF-8 texts). Both steps together have to stay within the budget for the import to reach
5,000 articles/s on 2 cores, where the importing process needs the rest of the CPU to write.
Pickling the results for the trip back to the importing process is shown on its own line,
outside the budget. ``--profile`` adds a cProfile listing of the heaviest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

BUDGET_US = 150.0  # worker CPU per file (read_txt + pack)


def measure(paths: list[Path], runs: int) -> tuple[float, float, float]:
    """Best-of-``runs`` CPU µs per file of read_txt; of read_txt plus the pack step as a worker
    runs them (``parallel.read_txt_files`` over tasks of ``parallel.TXT_PART_FILES`` files: the
    search keys of a task are made in one batch); and of pickling each task's results as a worker
    sends them back. The clock is read once per task at most."""
    from annotator.ingest.parallel import TXT_PART_FILES, read_txt_files
    from annotator.ingest.txt import read_txt

    read_us: list[float] = []
    both_us: list[float] = []
    pickle_us: list[float] = []
    per_file = 1e6 / len(paths)
    for _ in range(runs):
        t0 = time.process_time()
        for path in paths:
            read_txt(path)
        read_us.append((time.process_time() - t0) * per_file)
        both = sent = 0.0
        for i in range(0, len(paths), TXT_PART_FILES):
            task = [str(p) for p in paths[i : i + TXT_PART_FILES]]  # as the importer sends them
            t0 = time.process_time()
            results = read_txt_files(task, True)
            t1 = time.process_time()
            pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
            t2 = time.process_time()
            both += t1 - t0
            sent += t2 - t1
        both_us.append(both * per_file)
        pickle_us.append(sent * per_file)
    return min(read_us), min(both_us), min(pickle_us)


def profile(paths: list[Path], top: int = 25) -> None:
    from annotator.ingest.parallel import TXT_PART_FILES, read_txt_files

    def work() -> None:
        for i in range(0, len(paths), TXT_PART_FILES):
            read_txt_files([str(p) for p in paths[i : i + TXT_PART_FILES]], True)

    prof = cProfile.Profile()
    prof.runcall(work)
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, help="folder of .txt files (default: generate 20,000)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--runs", type=int, default=3, help="passes over the files; the best is reported")
    ap.add_argument("--profile", action="store_true", help="print a cProfile listing too")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-txt-") as tmp:
        folder = args.folder
        if folder is None:
            import corpus

            folder = Path(tmp) / "txt"
            counts = corpus.write_txt_folder(folder, 20_000)
            print(f"corpus: 20,000 .txt articles, encodings {counts}", file=sys.stderr)
        paths = sorted(folder.glob("*.txt"))
        if args.limit:
            paths = paths[: args.limit]
        if not paths:
            print(f"no .txt files in {folder}", file=sys.stderr)
            return 2
        for p in paths:  # warm the page cache: the import reads files the OS already holds
            p.read_bytes()
        read_us, total, pickle_us = measure(paths, args.runs)
        pack_us = total - read_us
        sizes = [p.stat().st_size for p in paths]
        print(f"{len(paths):,} files, median {statistics.median(sizes):,.0f} bytes; CPU µs per file, "
              f"best of {args.runs} passes (time.process_time)")
        print(f"{'step':<44} {'µs/file':>9} {'budget':>8}")
        print(f"{'read_txt (decode, clean, date/outlet, record)':<44} {read_us:>9.1f} {'':>8}")
        print(f"{'_pack (search key, UTF-8; by difference)':<44} {pack_us:>9.1f} {'':>8}")
        ok = total <= BUDGET_US
        print(f"{'worker total':<44} {total:>9.1f} {BUDGET_US:>8.0f}  {'pass' if ok else 'FAIL'}")
        print(f"{'(pickling the results to send them back)':<44} {pickle_us:>9.1f} {'':>8}")
        if args.profile:
            profile(paths)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
