from pmg_analysis.cli import main

raise SystemExit(main())
