from handbook.cli import main

if __name__ == "__main__":  # guarded: indexing workers are spawned, and spawn re-imports __main__
    raise SystemExit(main())
