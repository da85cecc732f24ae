import OptimizersChapter

OptimizersCommand.main()
